package io.natsboot.bench.load;

import io.nats.client.Nats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as one JSON document: machine, settings, servers, every run's figures and raw counts, the ratios. */
final class ReportJson {

    private ReportJson() {
    }

    static String render(Report report) {
        LoadConfig config = report.config;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generator", "natsboot load generator");
        root.put("client", "jnats " + Nats.CLIENT_VERSION);
        root.put("machine", report.machine);
        root.put("config", config(config));
        root.put("ratioDefinition", "natsboot/nats-server for throughput, nats-server/natsboot for latency;"
                + " > 1 means natsboot is better");
        root.put("targets", servers(report.targets, "url"));
        root.put("clusters", servers(report.clusters.values(), "urls"));
        root.put("notes", new ArrayList<>(report.notes));
        List<Object> rs = new ArrayList<>();
        for (RunResult r : report.results()) {
            rs.add(result(r));
        }
        root.put("results", rs);
        if (report.compares()) {
            List<Object> cmp = new ArrayList<>();
            for (ReportRow row : ReportRow.of(report)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", row.scenario().id());
                m.put("size", row.size());
                m.put("metric", row.metric());
                Metric nb = row.metric(LoadConfig.NATSBOOT);
                Metric ns = row.metric(LoadConfig.NATS_SERVER);
                m.put(LoadConfig.NATSBOOT, nb == null ? null : nb.value());
                m.put(LoadConfig.NATS_SERVER, ns == null ? null : ns.value());
                double q = row.ratio();
                m.put("ratio", Double.isNaN(q) ? null : q);
                if (row.metric().equals(row.firstMetric())) {
                    double cpu = CpuTable.cpuRatio(row);
                    m.put("cpuPerMessageRatio", Double.isNaN(cpu) ? null : cpu);
                }
                cmp.add(m);
            }
            root.put("comparison", cmp);
        }
        StringBuilder b = new StringBuilder();
        JsonWriter.write(b, root, "");
        return b.append('\n').toString();
    }

    private static Map<String, Object> config(LoadConfig config) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("messages", config.countMode() ? config.messages : null);
        cfg.put("durationSeconds", config.countMode() ? null : config.duration.toMillis() / 1e3);
        cfg.put("warmupSeconds", config.warmup.toMillis() / 1e3);
        cfg.put("runs", config.runs);
        cfg.put("sizes", config.sizes);
        cfg.put("scenarios", config.scenarios.stream().map(Scenario::id).toList());
        cfg.put("window", config.window);
        cfg.put("windowBytes", config.windowBytes);
        cfg.put("fanoutSubscribers", config.fanoutSubscribers);
        cfg.put("queueSubscribers", config.queueSubscribers);
        cfg.put("inflight", config.inflight);
        cfg.put("security", config.security.id());
        cfg.put("pin", config.pin == null ? null
                : Map.of("clientCpu", config.pin.clientCpu(), "serverCpu", config.pin.serverCpu()));
        cfg.put("gcLog", config.gcLogDir == null ? null : config.gcLogDir.toString());
        cfg.put("natsbootJvmArgs", config.natsbootJvmArgs);
        return cfg;
    }

    private static List<Object> servers(Collection<Report.TargetStatus> statuses, String urlKey) {
        List<Object> out = new ArrayList<>();
        for (Report.TargetStatus t : statuses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name);
            m.put("started", t.started());
            m.put(urlKey, t.url);
            m.put("serverVersion", t.serverVersion);
            m.put("how", t.description);
            m.put("error", t.error);
            m.put("down", t.down);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> result(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario.id());
        m.put("size", r.size);
        m.put("target", r.target);
        m.put("ok", r.ok());
        m.put("partial", r.partial);
        m.put("failure", r.failure);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Metric x : r.metrics.values()) {
            metrics.put(x.name(), x.value());
            if (!Double.isNaN(x.bytesPerSecond())) {
                metrics.put(x.name().replace("msg/s", "MB/s").replace("req/s", "MB/s"), x.bytesPerSecond() / 1e6);
            }
        }
        m.put("metrics", metrics);
        m.put("details", r.details);
        m.put("notes", r.notes);
        return m;
    }
}
