package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison table: one row per scenario, size and figure, a column per server, their ratio and the notes. */
final class ReportTable {

    private ReportTable() {
    }

    static String render(Report report, boolean markdown) {
        List<String> names = report.targets.stream().map(t -> t.name).toList();
        boolean ratio = report.compares();
        List<String> head = new ArrayList<>(List.of("scenario", "size", "metric"));
        head.addAll(names);
        if (ratio) {
            head.add("ratio");
        }
        head.add("notes");
        List<List<String>> lines = new ArrayList<>();
        for (ReportRow row : ReportRow.of(report)) {
            List<String> cells = new ArrayList<>();
            cells.add(row.scenario().id());
            cells.add(String.valueOf(row.size()));
            cells.add(row.metric());
            for (String n : names) {
                cells.add(cell(report, n, row));
            }
            if (ratio) {
                double q = row.ratio();
                cells.add(Double.isNaN(q) ? "-" : String.format(Locale.ROOT, "%.2f", q));
            }
            cells.add(row.metric().equals(row.firstMetric()) ? rowNotes(report, row) : "");
            lines.add(cells);
        }
        return markdown ? TableLayout.markdown(head, lines) : TableLayout.text(head, lines);
    }

    private static String cell(Report report, String target, ReportRow row) {
        Report.TargetStatus t = report.status(target, row.scenario());
        if (t == null && row.scenario().isCluster()) {
            return "skipped";
        }
        if (t != null && !t.started()) {
            return "not started";
        }
        RunResult r = row.byTarget().get(target);
        if (r == null) {
            return "-";
        }
        if (!r.ok()) {
            return "FAILED";
        }
        Metric m = r.metrics.get(row.metric());
        if (m == null) {
            return "-";
        }
        return format(m) + (r.partial ? "*" : "");
    }

    /** A figure as the table and the progress lines show it: rates with MB/s, latencies with one decimal. */
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

    private static String rowNotes(Report report, ReportRow row) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, RunResult> e : row.byTarget().entrySet()) {
            RunResult r = e.getValue();
            Report.TargetStatus t = report.status(e.getKey(), row.scenario());
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
}
