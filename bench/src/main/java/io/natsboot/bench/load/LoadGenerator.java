package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ServerInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures natsboot and the official nats-server in the same run with the jnats client and prints both figures and
 * their ratio, scenario by scenario and payload size by payload size. The two servers are measured alternately for
 * every case, each on fresh connections after its own warm-up, so drift in the machine's load hits both alike.
 *
 * <p>Run {@code java -jar bench/target/bench.jar --help} for the options.
 */
public final class LoadGenerator {

    private final LoadConfig config;
    private final PrintStream out;
    private final PrintStream log;

    public LoadGenerator(LoadConfig config, PrintStream out, PrintStream log) {
        this.config = config;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) {
        LoadConfig config;
        try {
            config = LoadConfig.parse(args);
        } catch (LoadConfig.UsageException e) {
            if (e.getMessage() == null) {
                System.out.print(LoadConfig.usage());
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage());
            System.err.println("run with --help for the options");
            System.exit(2);
            return;
        }
        Report report;
        try {
            report = new LoadGenerator(config, System.out, System.err).run();
        } catch (IllegalStateException e) {
            // e.g. the certificates of --security tls could not be made: nothing was started
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(report.exitCode());
    }

    /** Starts the targets, runs every case, prints the report, stops the targets. */
    public Report run() {
        Report report = new Report(config);
        if (config.url != null && config.scenarios.stream().anyMatch(Scenario::isCluster)) {
            config.scenarios = config.scenarios.stream().filter(s -> !s.isCluster()).toList();
            report.notes.add("cluster scenarios skipped: --url measures a single running server, and the cluster"
                    + " scenarios need a 2-node cluster the load generator starts itself.");
        }
        if (config.pin != null) {
            // Before anything starts: threads made later inherit the client CPU from their parent.
            config.pin.pinThisProcess();
        }
        if (config.gcLog) {
            config.gcLogDir = gcLogDir();
            report.notes.add("natsboot GC logs (-Xlog:gc, one file per process id) kept in " + config.gcLogDir);
        }
        // Before the targets: their command lines carry the profile's config file.
        config.secured = SecuritySetup.prepare(config.security);
        List<Target> standalone = Targets.create(config, report.notes);
        Map<String, Target> clusters = Targets.clusters(config, standalone, report.notes);
        List<Target> targets = new ArrayList<>(standalone);
        targets.addAll(clusters.values());
        Object printLock = new Object();
        boolean[] printed = {false};
        Thread hook = new Thread(() -> {
            // Ctrl-C: the servers are killed by their own hook; show what was measured so far.
            report.interrupted = true;
            for (Target t : targets) {
                safeClose(t);
            }
            config.secured.close();
            synchronized (printLock) {
                if (!printed[0]) {
                    printed[0] = true;
                    out.println();
                    out.println("Interrupted; results so far:");
                    out.print(report.table(false));
                    out.flush();
                }
            }
        }, "natsboot-bench-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<Target, String> urls = new LinkedHashMap<>();
        Map<Target, String> clusterUrls = new LinkedHashMap<>();
        try {
            if (config.scenarios.stream().anyMatch(s -> !s.isCluster())) {
                for (Target t : standalone) {
                    Report.TargetStatus status = start(t);
                    report.targets.add(status);
                    if (status.started()) {
                        urls.put(t, status.url);
                    } else {
                        log.println("[" + t.name() + "] FAILED TO START: " + status.error);
                    }
                }
            } else {
                // Only cluster scenarios: the standalone servers are not needed, but they name the columns.
                for (Target t : standalone) {
                    Report.TargetStatus status = new Report.TargetStatus(t.name());
                    status.url = "-";
                    status.description = "not started (only cluster scenarios selected)";
                    report.targets.add(status);
                }
            }
            for (Target t : clusters.values()) {
                if (!config.quiet) {
                    log.println("[" + t.name() + "] starting a 2-node cluster for the cluster scenarios");
                }
                Report.TargetStatus status = start(t);
                report.clusters.put(t.name(), status);
                if (status.started() && t instanceof ClusterTarget c) {
                    clusterUrls.put(t, c.urlA());
                } else {
                    log.println("[" + t.name() + " cluster] FAILED TO START: " + status.error);
                }
            }
            out.print(report.header());
            out.flush();
            if (!urls.isEmpty() || !clusterUrls.isEmpty()) {
                measureAll(report, urls, clusterUrls);
            }
        } finally {
            for (Target t : targets) {
                safeClose(t);
            }
            config.secured.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run
            }
        }
        synchronized (printLock) {
            if (!printed[0]) {
                printed[0] = true;
                out.println();
                out.print(report.table(false));
                String cpu = report.cpuTable(false);
                if (!cpu.isEmpty()) {
                    out.println();
                    out.print(cpu);
                }
                out.flush();
            }
        }
        try {
            report.writeFiles();
        } catch (IOException e) {
            log.println("cannot write the report files: " + e);
        }
        return report;
    }

    private Report.TargetStatus start(Target t) {
        Report.TargetStatus s = new Report.TargetStatus(t.name());
        try {
            s.url = t.start();
            s.description = t.description();
            if (t instanceof ProcessServerTarget p) {
                s.pid = p.pid();
            }
            s.serverVersion = probe(s.url);
            if (t instanceof ClusterTarget c) {
                String vb = probe(c.urlB());
                s.url = "A " + s.url + ", B " + c.urlB();
                s.pid = c.pidA();
                if (vb != null && !vb.equals(s.serverVersion)) {
                    s.serverVersion = s.serverVersion + " (B " + vb + ")";
                }
            }
        } catch (IllegalStateException e) {
            s.error = e.getMessage();
            safeClose(t);
        } catch (Exception | Error e) {
            s.error = ScenarioRunner.describe(e);
            safeClose(t);
        }
        return s;
    }

    /** Connects once, so a server that accepts TCP but does not speak NATS fails here; returns its version. */
    private String probe(String url) throws IOException, InterruptedException {
        Options o = config.secured.applyTo(new Options.Builder()).server(url).noReconnect().connectionTimeout(Duration.ofSeconds(5))
                .errorListener(new io.nats.client.ErrorListener() { }).build();
        Connection c = Nats.connect(o);
        try {
            c.flush(Duration.ofSeconds(5));
            ServerInfo info = c.getServerInfo();
            return info == null ? null : info.getVersion();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("server did not answer PING within 5 s", e);
        } finally {
            c.close();
        }
    }

    private void measureAll(Report report, Map<Target, String> standaloneUrls, Map<Target, String> clusterUrls) {
        ScenarioRunner runner = new ScenarioRunner(config);
        int turn = 0;
        for (Scenario scenario : config.scenarios) {
            Map<Target, String> urls = scenario.isCluster() ? clusterUrls : standaloneUrls;
            if (urls.isEmpty()) {
                continue;
            }
            for (int size : config.sizes) {
                Map<Target, List<RunResult>> runs = new LinkedHashMap<>();
                for (Target t : urls.keySet()) {
                    runs.put(t, new ArrayList<>());
                }
                for (int i = 0; i < config.runs; i++) {
                    // The servers take turns inside every case, so both see the same machine conditions, and
                    // which one goes first alternates, so neither always runs right after the other's load.
                    List<Map.Entry<Target, String>> order = new ArrayList<>(urls.entrySet());
                    if (turn++ % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (Map.Entry<Target, String> e : order) {
                        if (Thread.currentThread().isInterrupted() || report.interrupted) {
                            return;
                        }
                        runs.get(e.getKey()).add(measure(report, runner, e.getKey(), e.getValue(), scenario, size));
                    }
                }
                for (Map.Entry<Target, List<RunResult>> e : runs.entrySet()) {
                    RunResult chosen = median(e.getValue());
                    report.results.add(chosen);
                    progress(chosen, e.getValue().size());
                }
            }
        }
    }

    private RunResult measure(Report report, ScenarioRunner runner, Target target, String url, Scenario scenario,
                              int size) {
        Report.TargetStatus status = report.status(target.name(), scenario);
        // Cluster scenarios publish on node A (url) and subscribe on node B (peer) too; the others on one server.
        String peer = target instanceof ClusterTarget c ? c.urlB() : url;
        if (status.down == null) {
            status.down = target.healthProblem();
        }
        if (status.down != null) {
            return RunResult.failed(scenario, size, target.name(), "server down");
        }
        if (!config.warmup.isZero()) {
            RunResult w = runner.run(scenario, target.name(), url, peer, size,
                    ScenarioRunner.Limits.warmup(config));
            if (!w.ok() && !config.quiet) {
                log.println("[" + target.name() + "] warm-up of " + scenario.id() + " " + size + " B failed: "
                        + w.failure);
            }
        }
        System.gc();
        ServerMeter meter = ServerMeter.of(target, config.gcLogDir);
        RunResult r = runner.run(scenario, target.name(), url, peer, size,
                ScenarioRunner.Limits.measured(config, meter));
        meter.addTo(r);
        String problem = target.healthProblem();
        if (problem != null) {
            status.down = problem;
            if (r.ok()) {
                r.note("server process gone after this run");
            }
        }
        return r;
    }

    /** The run with the median primary figure (the upper middle one for an even count), or the last failure. */
    private static RunResult median(List<RunResult> runs) {
        List<RunResult> ok = new ArrayList<>(runs.stream().filter(r -> r.ok() && r.primary() != null).toList());
        if (ok.isEmpty()) {
            return runs.get(runs.size() - 1);
        }
        Comparator<RunResult> byValue = Comparator.comparingDouble(r -> r.primary().value());
        ok.sort(byValue);
        RunResult m = ok.get(ok.size() / 2);
        if (ok.size() < runs.size()) {
            m.note((runs.size() - ok.size()) + " of " + runs.size() + " runs failed");
        }
        return m;
    }

    private void progress(RunResult r, int runs) {
        if (config.quiet) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-13s %-14s %5d B: ", "[" + r.target + "]", r.scenario.id(), r.size));
        if (!r.ok()) {
            b.append("FAILED: ").append(r.failure);
        } else {
            List<String> parts = new ArrayList<>();
            for (Metric m : r.metrics.values()) {
                parts.add(m.name() + " " + ReportTable.format(m));
            }
            b.append(String.join(", ", parts));
            b.append(String.format(Locale.ROOT, " in %.2f s", r.seconds));
            if (r.details.get(CpuTable.PER_MILLION) instanceof Number cpu) {
                b.append(String.format(Locale.ROOT, ", server %.3f CPU s/M", cpu.doubleValue()));
            }
            Object per = r.details.get("perSubscriberReceived");
            if (per != null) {
                b.append(", per subscriber ").append(per);
            }
            if (runs > 1) {
                b.append(" (median of ").append(runs).append(")");
            }
            if (r.partial) {
                b.append(" PARTIAL");
            }
            if (!r.notes.isEmpty()) {
                b.append(" [").append(String.join("; ", r.notes)).append(']');
            }
        }
        log.println(b);
        log.flush();
    }

    private static Path gcLogDir() {
        try {
            return Files.createTempDirectory("natsboot-bench-gc-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for the GC logs: " + e.getMessage(), e);
        }
    }

    private static void safeClose(Target t) {
        try {
            t.close();
        } catch (RuntimeException ignored) {
            // best effort on the way out
        }
    }
}
