package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one measured run of one scenario, payload size and target produced. */
public final class RunResult {

    final Scenario scenario;
    final int size;
    final String target;
    /** Figures in table order; the first is the one runs are ranked by. */
    final Map<String, Metric> metrics = new LinkedHashMap<>();
    /** Raw counts and secondary figures, for JSON and the progress line. */
    final Map<String, Object> details = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** The run is incomplete (timeout, stall, disconnect) or delivered wrongly (duplicates, losses): figures are marked. */
    boolean partial;
    /** The run produced no figure at all; the reason. */
    String failure;
    double seconds;

    RunResult(Scenario scenario, int size, String target) {
        this.scenario = scenario;
        this.size = size;
        this.target = target;
    }

    static RunResult failed(Scenario scenario, int size, String target, String reason) {
        RunResult r = new RunResult(scenario, size, target);
        r.failure = reason;
        return r;
    }

    void add(Metric m) {
        metrics.put(m.name(), m);
    }

    void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    public boolean ok() {
        return failure == null;
    }

    public boolean partial() {
        return partial;
    }

    public String failure() {
        return failure;
    }

    public Scenario scenario() {
        return scenario;
    }

    public int size() {
        return size;
    }

    public String target() {
        return target;
    }

    public Map<String, Metric> metrics() {
        return metrics;
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<String> notes() {
        return notes;
    }

    public Metric primary() {
        return metrics.isEmpty() ? null : metrics.values().iterator().next();
    }

    /**
     * What the primary figure counts: messages received (deliveries in total for fan-out), replies for request/reply,
     * messages published for publish-only; -1 when the run has no count.
     */
    long countedMessages() {
        for (String key : new String[] {"delivered", "replies", "published"}) {
            if (details.get(key) instanceof Number n) {
                return n.longValue();
            }
        }
        return -1;
    }

    public long detail(String key) {
        Object v = details.get(key);
        return v instanceof Number n ? n.longValue() : -1;
    }
}
