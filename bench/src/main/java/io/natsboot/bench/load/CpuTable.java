package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server's CPU beside its rate: for each scenario and size, each server's primary figure and its CPU-seconds per
 * million counted messages (deliveries for fan-out, requests for request/reply) over the measured window, and the
 * natsboot / nats-server ratios of both. Unlike the main table's ratio, the CPU ratio is natsboot / nats-server
 * as it stands: below 1 means natsboot spends less CPU per message.
 */
final class CpuTable {

    static final String PER_MILLION = "serverCpuSecondsPerMillion";

    private CpuTable() {
    }

    /** "" when no run has a server CPU figure. */
    static String render(Report report, boolean markdown) {
        List<ReportRow> rows = new ArrayList<>();
        for (ReportRow row : ReportRow.of(report)) {
            if (row.metric().equals(row.firstMetric()) && row.byTarget().values().stream()
                    .anyMatch(r -> r.ok() && r.details.containsKey(PER_MILLION))) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        List<String> names = report.targets.stream().map(t -> t.name).toList();
        boolean ratio = report.compares();
        List<String> head = new ArrayList<>(List.of("scenario", "size", "metric"));
        for (String n : names) {
            head.add(n);
            head.add(n + " CPU s/M");
        }
        if (ratio) {
            head.add("rate ratio");
            head.add("CPU/msg ratio");
        }
        head.add("notes");
        List<List<String>> lines = new ArrayList<>();
        for (ReportRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.scenario().id(), String.valueOf(row.size()),
                    row.metric()));
            for (String n : names) {
                Metric m = row.metric(n);
                RunResult r = row.byTarget().get(n);
                cells.add(m == null ? "-" : String.format(Locale.ROOT, "%,.0f", m.value()) + (r.partial ? "*" : ""));
                double cpu = perMillion(row, n);
                cells.add(Double.isNaN(cpu) ? "-" : String.format(Locale.ROOT, "%.3f", cpu));
            }
            if (ratio) {
                cells.add(ratioText(rateRatio(row)));
                cells.add(ratioText(cpuRatio(row)));
            }
            cells.add(notes(row, names));
            lines.add(cells);
        }
        String title = "Server CPU: CPU s/M = server CPU-seconds (utime + stime from /proc/<pid>/stat, both nodes of a"
                + " cluster) per million messages counted by the metric, over the measured window only;"
                + (ratio ? " both ratios natsboot / nats-server (rate > 1 and CPU/msg < 1 favour natsboot)" : "")
                + "\n";
        return markdown ? title + "\n" + TableLayout.markdown(head, lines) : title + TableLayout.text(head, lines);
    }

    /** natsboot / nats-server of the primary rate; NaN when either is missing. */
    static double rateRatio(ReportRow row) {
        Metric nb = row.metric(LoadConfig.NATSBOOT);
        Metric ns = row.metric(LoadConfig.NATS_SERVER);
        return nb == null || ns == null || ns.value() <= 0 ? Double.NaN : nb.value() / ns.value();
    }

    /** natsboot / nats-server of the server CPU per message; NaN when either is missing. */
    static double cpuRatio(ReportRow row) {
        double nb = perMillion(row, LoadConfig.NATSBOOT);
        double ns = perMillion(row, LoadConfig.NATS_SERVER);
        return Double.isNaN(nb) || Double.isNaN(ns) || ns <= 0 ? Double.NaN : nb / ns;
    }

    private static double perMillion(ReportRow row, String target) {
        RunResult r = row.byTarget().get(target);
        return r != null && r.ok() && r.details.get(PER_MILLION) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String ratioText(double q) {
        return Double.isNaN(q) ? "-" : String.format(Locale.ROOT, "%.2f", q);
    }

    /** Each server's cores in use during the window and, with {@code --gc-log}, natsboot's GC pauses. */
    private static String notes(ReportRow row, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            RunResult r = row.byTarget().get(n);
            if (r == null || !r.ok()) {
                continue;
            }
            List<String> ns = new ArrayList<>();
            if (r.details.get("serverCores") instanceof Number c) {
                ns.add(String.format(Locale.ROOT, "%.2f cores", c.doubleValue()));
            }
            if (r.details.get("gcPauses") instanceof Number count) {
                ns.add(new GcLog.Pauses(count.intValue(), number(r, "gcMaxPauseMs"), number(r, "gcTotalPauseMs"))
                        .describe());
            }
            if (!ns.isEmpty()) {
                parts.add(n + ": " + String.join(", ", ns));
            }
        }
        return String.join(" | ", parts);
    }

    private static double number(RunResult r, String key) {
        return r.details.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}
