package io.natsboot.bench.load;

import io.nats.client.Nats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Everything a run of the load generator produced, and its text, Markdown and JSON renderings. */
public final class Report {

    /** How a target came up, for the header. */
    public static final class TargetStatus {
        final String name;
        String url;
        String description;
        String serverVersion;
        String error;
        /** Set when the target became unusable during the runs. */
        String down;
        /** The server's process id when the load generator started it as a child process, else -1. */
        long pid = -1;

        TargetStatus(String name) {
            this.name = name;
        }

        public boolean started() {
            return error == null;
        }

        public String name() {
            return name;
        }

        public String error() {
            return error;
        }

        public String url() {
            return url;
        }

        public String serverVersion() {
            return serverVersion;
        }

        public long pid() {
            return pid;
        }
    }

    private record Row(Scenario scenario, int size, String metric, Map<String, RunResult> byTarget) {
    }

    final LoadConfig config;
    final Map<String, Object> machine = machineInfo();
    final List<TargetStatus> targets = new ArrayList<>();
    /** The 2-node clusters of the cluster scenarios, by column name; a column without one skips them. */
    final Map<String, TargetStatus> clusters = new LinkedHashMap<>();
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final List<RunResult> results = Collections.synchronizedList(new ArrayList<>());
    volatile boolean interrupted;

    Report(LoadConfig config) {
        this.config = config;
    }

    public List<RunResult> results() {
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    public List<TargetStatus> targets() {
        return targets;
    }

    public List<String> notes() {
        return notes;
    }

    public Map<String, TargetStatus> clusters() {
        return clusters;
    }

    public TargetStatus cluster(String name) {
        return clusters.get(name);
    }

    /** The status that a scenario's figures in a column depend on: the standalone server or the cluster. */
    TargetStatus status(String name, Scenario scenario) {
        return scenario.isCluster() ? cluster(name) : target(name);
    }

    public TargetStatus target(String name) {
        return targets.stream().filter(t -> t.name.equals(name)).findFirst().orElse(null);
    }

    public RunResult result(String target, Scenario scenario, int size) {
        for (RunResult r : results()) {
            if (r.target.equals(target) && r.scenario == scenario && r.size == size) {
                return r;
            }
        }
        return null;
    }

    /** 0 when every target started and every run completed, 1 otherwise (failed, partial or interrupted). */
    public int exitCode() {
        if (interrupted || targets.stream().anyMatch(t -> !t.started() || t.down != null)
                || clusters.values().stream().anyMatch(t -> !t.started() || t.down != null)) {
            return 1;
        }
        return results().stream().allMatch(r -> r.ok() && !r.partial) ? 0 : 1;
    }

    private boolean compares() {
        return target(LoadConfig.NATSBOOT) != null && target(LoadConfig.NATS_SERVER) != null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // text

    String header() {
        StringBuilder b = new StringBuilder();
        b.append("natsboot load generator, jnats ").append(Nats.CLIENT_VERSION).append(" client\n");
        b.append(String.format(Locale.ROOT, "Machine : %s CPUs%s, %s, load average %s at start%n",
                machine.get("cpus"), machine.get("cpuModel") == null ? "" : " (" + machine.get("cpuModel") + ")",
                machine.get("os"), machine.get("loadAverage")));
        b.append(String.format(Locale.ROOT, "JVM     : %s, max heap %s MB (load generator)%n", machine.get("jvm"),
                machine.get("maxHeapMb")));
        boolean first = true;
        for (TargetStatus t : targets) {
            b.append(first ? "Targets : " : "          ");
            first = false;
            b.append(String.format(Locale.ROOT, "%-12s ", t.name));
            if (!t.started()) {
                b.append("FAILED TO START: ").append(t.error);
            } else {
                b.append(t.serverVersion == null ? "" : "server " + t.serverVersion + ", ").append(t.url)
                        .append(", ").append(t.description);
            }
            if (t.down != null) {
                b.append("\n          ").append(" ".repeat(13)).append("DOWN during the runs: ").append(t.down);
            }
            b.append('\n');
        }
        first = true;
        for (TargetStatus t : clusters.values()) {
            b.append(first ? "Clusters: " : "          ");
            first = false;
            b.append(String.format(Locale.ROOT, "%-12s ", t.name));
            if (!t.started()) {
                b.append("FAILED TO START: ").append(t.error);
            } else {
                b.append(t.serverVersion == null ? "" : "server " + t.serverVersion + ", ").append(t.url)
                        .append(", ").append(t.description);
            }
            if (t.down != null) {
                b.append("\n          ").append(" ".repeat(13)).append("DOWN during the runs: ").append(t.down);
            }
            b.append('\n');
        }
        String security = config.secured.describe();
        if (security != null) {
            b.append("Security: ").append(security).append('\n');
        }
        b.append("Runs    : ").append(config.describeLength()).append(", sizes ")
                .append(joinInts(config.sizes)).append(" B, ")
                .append(config.window > 0 ? String.format(Locale.ROOT, "window %,d msgs", config.window)
                        + (config.windowBytes > 0 ? String.format(Locale.ROOT, " or %,d bytes", config.windowBytes)
                        : "")
                        : "no publish window")
                .append(", fan-out ").append(config.fanoutSubscribers).append(" subs, queue group of ")
                .append(config.queueSubscribers).append(", ").append(config.inflight)
                .append(" requests in flight (reqreply-async)\n");
        b.append("Figures : msg/s or req/s (MB/s = payload bytes per second / 10^6), latency p50/p99 in microseconds;"
                + " * = incomplete or incorrect run, see notes\n");
        if (compares()) {
            b.append("Ratio   : natsboot / nats-server for throughput, nats-server / natsboot for latency"
                    + " (> 1 means natsboot is better)\n");
        }
        for (String n : notes) {
            b.append("Note    : ").append(n).append('\n');
        }
        return b.toString();
    }

    String table(boolean markdown) {
        List<String> names = targets.stream().map(t -> t.name).toList();
        boolean ratio = compares();
        List<String> head = new ArrayList<>(List.of("scenario", "size", "metric"));
        head.addAll(names);
        if (ratio) {
            head.add("ratio");
        }
        head.add("notes");
        List<List<String>> lines = new ArrayList<>();
        for (Row row : rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.scenario.id());
            cells.add(String.valueOf(row.size));
            cells.add(row.metric);
            for (String n : names) {
                cells.add(cell(n, row));
            }
            if (ratio) {
                double q = ratio(row);
                cells.add(Double.isNaN(q) ? "-" : String.format(Locale.ROOT, "%.2f", q));
            }
            cells.add(row.metric.equals(firstMetric(row)) ? rowNotes(row) : "");
            lines.add(cells);
        }
        return markdown ? markdownTable(head, lines) : textTable(head, lines);
    }

    String text() {
        return header() + "\n" + table(false);
    }

    String markdown() {
        StringBuilder b = new StringBuilder("## natsboot load generator\n\n```\n").append(header()).append("```\n\n");
        return b.append(table(true)).toString();
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Scenario s : config.scenarios) {
            for (int size : config.sizes) {
                Map<String, RunResult> byTarget = new LinkedHashMap<>();
                Set<String> metrics = new LinkedHashSet<>();
                for (TargetStatus t : targets) {
                    RunResult r = result(t.name, s, size);
                    if (r != null) {
                        byTarget.put(t.name, r);
                        metrics.addAll(r.metrics.keySet());
                    }
                }
                if (byTarget.isEmpty() && interrupted) {
                    continue;
                }
                if (metrics.isEmpty()) {
                    metrics.add(s.isRequestReply() ? "req/s" : "msg/s");
                }
                for (String m : metrics) {
                    rows.add(new Row(s, size, m, byTarget));
                }
            }
        }
        return rows;
    }

    private static String firstMetric(Row row) {
        for (RunResult r : row.byTarget.values()) {
            if (!r.metrics.isEmpty()) {
                return r.metrics.keySet().iterator().next();
            }
        }
        return row.metric;
    }

    private String cell(String target, Row row) {
        TargetStatus t = status(target, row.scenario);
        if (t == null && row.scenario.isCluster()) {
            return "skipped";
        }
        if (t != null && !t.started()) {
            return "not started";
        }
        RunResult r = row.byTarget.get(target);
        if (r == null) {
            return "-";
        }
        if (!r.ok()) {
            return "FAILED";
        }
        Metric m = r.metrics.get(row.metric);
        if (m == null) {
            return "-";
        }
        return format(m) + (r.partial ? "*" : "");
    }

    static String format(Metric m) {
        if (!m.higherIsBetter()) {
            return String.format(Locale.ROOT, "%.1f", m.value());
        }
        String v = String.format(Locale.ROOT, "%,.0f", m.value());
        if (!Double.isNaN(m.bytesPerSecond())) {
            v += String.format(Locale.ROOT, " (%.1f MB/s)", m.bytesPerSecond() / 1e6);
        }
        return v;
    }

    /** > 1 means natsboot is better; NaN when either figure is missing. */
    private static double ratio(Row row) {
        Metric nb = metric(row, LoadConfig.NATSBOOT);
        Metric ns = metric(row, LoadConfig.NATS_SERVER);
        if (nb == null || ns == null || nb.value() <= 0 || ns.value() <= 0) {
            return Double.NaN;
        }
        return nb.higherIsBetter() ? nb.value() / ns.value() : ns.value() / nb.value();
    }

    private static Metric metric(Row row, String target) {
        RunResult r = row.byTarget.get(target);
        return r == null || !r.ok() ? null : r.metrics.get(row.metric);
    }

    private String rowNotes(Row row) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, RunResult> e : row.byTarget.entrySet()) {
            RunResult r = e.getValue();
            TargetStatus t = status(e.getKey(), row.scenario);
            if (t != null && !t.started()) {
                continue;
            }
            List<String> ns = new ArrayList<>();
            if (!r.ok()) {
                ns.add("FAILED: " + r.failure);
            }
            ns.addAll(r.notes);
            if (!ns.isEmpty()) {
                parts.add(e.getKey() + ": " + String.join("; ", ns));
            }
        }
        return String.join(" | ", parts);
    }

    private static String textTable(List<String> head, List<List<String>> lines) {
        int cols = head.size();
        int[] w = new int[cols];
        for (int i = 0; i < cols; i++) {
            w[i] = head.get(i).length();
            for (List<String> l : lines) {
                if (i < cols - 1) {
                    w[i] = Math.max(w[i], l.get(i).length());
                }
            }
        }
        StringBuilder b = new StringBuilder();
        appendLine(b, head, w, false);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < cols; i++) {
            rule.add("-".repeat(i == cols - 1 ? Math.max(5, w[i]) : w[i]));
        }
        appendLine(b, rule, w, false);
        for (List<String> l : lines) {
            appendLine(b, l, w, true);
        }
        return b.toString();
    }

    private static void appendLine(StringBuilder b, List<String> cells, int[] w, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean last = i == cells.size() - 1;
            // scenario and metric left, figures right, notes as they come
            boolean right = alignNumbers && i != 0 && i != 2 && !last;
            if (i > 0) {
                line.append("  ");
            }
            if (last) {
                line.append(c);
            } else if (right) {
                line.append(" ".repeat(w[i] - c.length())).append(c);
            } else {
                line.append(c).append(" ".repeat(w[i] - c.length()));
            }
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }

    private static String markdownTable(List<String> head, List<List<String>> lines) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", head)).append(" |\n|");
        for (int i = 0; i < head.size(); i++) {
            b.append(i == 0 || i == 2 || i == head.size() - 1 ? " --- |" : " ---: |");
        }
        b.append('\n');
        for (List<String> l : lines) {
            b.append("| ");
            List<String> esc = l.stream().map(s -> s.replace("|", "\\|")).toList();
            b.append(String.join(" | ", esc)).append(" |\n");
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // JSON

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generator", "natsboot load generator");
        root.put("client", "jnats " + Nats.CLIENT_VERSION);
        root.put("machine", machine);
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
        root.put("config", cfg);
        root.put("ratioDefinition", "natsboot/nats-server for throughput, nats-server/natsboot for latency;"
                + " > 1 means natsboot is better");
        List<Object> ts = new ArrayList<>();
        for (TargetStatus t : targets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name);
            m.put("started", t.started());
            m.put("url", t.url);
            m.put("serverVersion", t.serverVersion);
            m.put("how", t.description);
            m.put("error", t.error);
            m.put("down", t.down);
            ts.add(m);
        }
        root.put("targets", ts);
        List<Object> cs = new ArrayList<>();
        for (TargetStatus t : clusters.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name);
            m.put("started", t.started());
            m.put("urls", t.url);
            m.put("serverVersion", t.serverVersion);
            m.put("how", t.description);
            m.put("error", t.error);
            m.put("down", t.down);
            cs.add(m);
        }
        root.put("clusters", cs);
        root.put("notes", new ArrayList<>(notes));
        List<Object> rs = new ArrayList<>();
        for (RunResult r : results()) {
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
                    metrics.put(x.name().replace("msg/s", "MB/s").replace("req/s", "MB/s"),
                            x.bytesPerSecond() / 1e6);
                }
            }
            m.put("metrics", metrics);
            m.put("details", r.details);
            m.put("notes", r.notes);
            rs.add(m);
        }
        root.put("results", rs);
        if (compares()) {
            List<Object> cmp = new ArrayList<>();
            for (Row row : rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", row.scenario.id());
                m.put("size", row.size);
                m.put("metric", row.metric);
                Metric nb = metric(row, LoadConfig.NATSBOOT);
                Metric ns = metric(row, LoadConfig.NATS_SERVER);
                m.put(LoadConfig.NATSBOOT, nb == null ? null : nb.value());
                m.put(LoadConfig.NATS_SERVER, ns == null ? null : ns.value());
                double q = ratio(row);
                m.put("ratio", Double.isNaN(q) ? null : q);
                cmp.add(m);
            }
            root.put("comparison", cmp);
        }
        StringBuilder b = new StringBuilder();
        writeJson(b, root, "");
        return b.append('\n').toString();
    }

    private static void writeJson(StringBuilder b, Object v, String indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(b, s);
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                b.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                b.append((long) d);
            } else {
                b.append(String.format(Locale.ROOT, "%.3f", d));
            }
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                b.append("{}");
                return;
            }
            String inner = indent + "  ";
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(inner);
                quote(b, String.valueOf(e.getKey()));
                b.append(": ");
                writeJson(b, e.getValue(), inner);
                b.append(++i < map.size() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else if (v instanceof Collection<?> list) {
            boolean flat = list.stream().allMatch(x -> x == null || x instanceof Number || x instanceof String);
            if (flat) {
                b.append('[');
                int i = 0;
                for (Object x : list) {
                    if (i++ > 0) {
                        b.append(", ");
                    }
                    writeJson(b, x, indent);
                }
                b.append(']');
                return;
            }
            String inner = indent + "  ";
            b.append("[\n");
            int i = 0;
            for (Object x : list) {
                b.append(inner);
                writeJson(b, x, inner);
                b.append(++i < list.size() ? ",\n" : "\n");
            }
            b.append(indent).append(']');
        } else {
            quote(b, String.valueOf(v));
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // ---------------------------------------------------------------------------------------------------------------

    void writeFiles() throws IOException {
        if (config.json != null) {
            write(config.json, json());
        }
        if (config.markdown != null) {
            write(config.markdown, markdown());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content);
    }

    private static String joinInts(List<Integer> xs) {
        return String.join(",", xs.stream().map(String::valueOf).toList());
    }

    static Map<String, Object> machineInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", cpuModel());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")");
        m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        m.put("loadAverage", load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load));
        m.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    private static String cpuModel() {
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (Files.isReadable(p)) {
                for (String l : Files.readAllLines(p)) {
                    if (l.startsWith("model name")) {
                        return l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not on Linux
        }
        return null;
    }
}
