package io.natsboot.bench.load;

import io.nats.client.Nats;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's header: the machine, each server and how it runs, the run settings and the notes. */
final class ReportHeader {

    private ReportHeader() {
    }

    static String render(Report report) {
        LoadConfig config = report.config;
        Map<String, Object> machine = report.machine;
        StringBuilder b = new StringBuilder();
        b.append("natsboot load generator, jnats ").append(Nats.CLIENT_VERSION).append(" client\n");
        b.append(String.format(Locale.ROOT, "Machine : %s CPUs%s, %s, load average %s at start%n",
                machine.get("cpus"), machine.get("cpuModel") == null ? "" : " (" + machine.get("cpuModel") + ")",
                machine.get("os"), machine.get("loadAverage")));
        b.append(String.format(Locale.ROOT, "JVM     : %s, max heap %s MB (load generator)%n", machine.get("jvm"),
                machine.get("maxHeapMb")));
        servers(b, "Targets : ", report.targets);
        servers(b, "Clusters: ", report.clusters.values());
        if (config.pin != null) {
            b.append("Pinning : ").append(config.pin.describe()).append('\n');
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
        if (report.compares()) {
            b.append("Ratio   : natsboot / nats-server for throughput, nats-server / natsboot for latency"
                    + " (> 1 means natsboot is better)\n");
        }
        for (String n : report.notes) {
            b.append("Note    : ").append(n).append('\n');
        }
        return b.toString();
    }

    /** One line per server (standalone or cluster), the first one carrying the label. */
    private static void servers(StringBuilder b, String label, Collection<Report.TargetStatus> statuses) {
        boolean first = true;
        for (Report.TargetStatus t : statuses) {
            b.append(first ? label : "          ");
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
    }

    private static String joinInts(List<Integer> xs) {
        return String.join(",", xs.stream().map(String::valueOf).toList());
    }
}
