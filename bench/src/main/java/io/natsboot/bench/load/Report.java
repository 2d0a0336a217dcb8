package io.natsboot.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run of the load generator produced. Its renderings live beside it: {@link ReportHeader},
 * {@link ReportTable} (text and Markdown) and {@link ReportJson}.
 */
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

    final LoadConfig config;
    final Map<String, Object> machine = MachineInfo.collect();
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

    /** Both columns are present, so the report shows their ratio. */
    boolean compares() {
        return target(LoadConfig.NATSBOOT) != null && target(LoadConfig.NATS_SERVER) != null;
    }

    String header() {
        return ReportHeader.render(this);
    }

    String table(boolean markdown) {
        return ReportTable.render(this, markdown);
    }

    /** The server CPU per message beside the rates, or "" when no server's CPU was measured. */
    String cpuTable(boolean markdown) {
        return CpuTable.render(this, markdown);
    }

    String text() {
        String cpu = cpuTable(false);
        return header() + "\n" + table(false) + (cpu.isEmpty() ? "" : "\n" + cpu);
    }

    String markdown() {
        StringBuilder b = new StringBuilder("## natsboot load generator\n\n```\n").append(header()).append("```\n\n");
        b.append(table(true));
        String cpu = cpuTable(true);
        return (cpu.isEmpty() ? b : b.append('\n').append(cpu)).toString();
    }

    String json() {
        return ReportJson.render(this);
    }

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
}
