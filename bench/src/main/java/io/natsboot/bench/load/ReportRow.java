package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One line of the comparison: a scenario, a payload size and one of its figures, with each column's run. */
record ReportRow(Scenario scenario, int size, String metric, Map<String, RunResult> byTarget) {

    /** The rows in table order: scenario by scenario, size by size, figure by figure. */
    static List<ReportRow> of(Report report) {
        List<ReportRow> rows = new ArrayList<>();
        for (Scenario s : report.config.scenarios) {
            for (int size : report.config.sizes) {
                Map<String, RunResult> byTarget = new LinkedHashMap<>();
                Set<String> metrics = new LinkedHashSet<>();
                for (Report.TargetStatus t : report.targets) {
                    RunResult r = report.result(t.name, s, size);
                    if (r != null) {
                        byTarget.put(t.name, r);
                        metrics.addAll(r.metrics.keySet());
                    }
                }
                if (byTarget.isEmpty() && report.interrupted) {
                    continue;
                }
                if (metrics.isEmpty()) {
                    metrics.add(s.isRequestReply() ? "req/s" : "msg/s");
                }
                for (String m : metrics) {
                    rows.add(new ReportRow(s, size, m, byTarget));
                }
            }
        }
        return rows;
    }

    /** The figure runs are ranked by; the row that shows it also carries the notes. */
    String firstMetric() {
        for (RunResult r : byTarget.values()) {
            if (!r.metrics.isEmpty()) {
                return r.metrics.keySet().iterator().next();
            }
        }
        return metric;
    }

    /** > 1 means natsboot is better; NaN when either figure is missing. */
    double ratio() {
        Metric nb = metric(LoadConfig.NATSBOOT);
        Metric ns = metric(LoadConfig.NATS_SERVER);
        if (nb == null || ns == null || nb.value() <= 0 || ns.value() <= 0) {
            return Double.NaN;
        }
        return nb.higherIsBetter() ? nb.value() / ns.value() : ns.value() / nb.value();
    }

    /** This row's figure in a column, or null when its run failed or lacks it. */
    Metric metric(String target) {
        RunResult r = byTarget.get(target);
        return r == null || !r.ok() ? null : r.metrics.get(metric);
    }
}
