package io.natsboot.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parts of the pinned comparison that need no NATS server: {@code /proc/<pid>/stat}, the taskset command lines
 * (run on a real {@code sleep}), {@code --pin} and {@code --gc-log} on the command line, the GC log reader, the
 * server CPU meter on this JVM and the server CPU table.
 */
class PinnedModePartsTest {

    @Test
    void readsUserPlusSystemTicksAfterTheCommandEvenWithParenthesesInIt() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 120 0 0 0 1234 567 8 9 20 0 30 0 100 0 0";
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
        assertThatThrownBy(() -> ProcStat.cpuTicks("no command here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.cpuTicks("1 (x) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisJvmsCpuTicksGrowWhileItWorks() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "not Linux");
        long pid = ProcessHandle.current().pid();
        long ownStat = ProcStat.cpuTicks(Files.readString(Path.of("/proc/self/stat")));
        long before = ProcStat.cpuTicks(pid);
        assertThat(before).isGreaterThanOrEqualTo(ownStat);
        burnCpu(Duration.ofMillis(300));
        assertThat(ProcStat.cpuTicks(pid)).isGreaterThan(before);
        assertThat(ProcStat.cpuTicks(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcStat.ticksPerSecond()).isPositive();
    }

    @Test
    void theMeterPutsServerCpuPerMillionMessagesIntoTheRun() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "not Linux");
        ServerMeter meter = new ServerMeter(List.of(ProcessHandle.current().pid()), List.of());
        meter.opened();
        burnCpu(Duration.ofMillis(300));
        meter.closed();
        meter.closed(); // a second close (the runner's finally) changes nothing
        double cpu = meter.cpuSeconds();
        assertThat(cpu).isGreaterThan(0);

        RunResult r = new RunResult(Scenario.PUBSUB, 16, LoadConfig.NATSBOOT);
        r.details.put("published", 2_000_000L);
        r.details.put("delivered", 1_000_000L);
        r.seconds = 2;
        meter.addTo(r);
        assertThat((double) r.details.get("serverCpuSeconds")).isEqualTo(cpu);
        assertThat((long) r.details.get("serverCpuTicks")).isGreaterThanOrEqualTo(ServerMeter.MIN_TICKS);
        // counted by what the figure counts: the deliveries, not the publishes
        assertThat((double) r.details.get("serverCpuSecondsPerMillion")).isCloseTo(cpu, within(1e-9));
        assertThat((double) r.details.get("serverCores")).isCloseTo(cpu / 2, within(1e-9));
        assertThat(r.details).doesNotContainKey("gcPauses");

        // A window shorter than a few clock ticks gives its CPU, but no per-message figure.
        ServerMeter brief = new ServerMeter(List.of(ProcessHandle.current().pid()), List.of());
        brief.opened();
        brief.closed();
        RunResult tiny = new RunResult(Scenario.PUB, 16, LoadConfig.NATSBOOT);
        tiny.details.put("published", 200L);
        brief.addTo(tiny);
        assertThat(tiny.details).containsKey("serverCpuSeconds").doesNotContainKey("serverCpuSecondsPerMillion");

        RunResult never = new RunResult(Scenario.PUB, 16, LoadConfig.NATSBOOT);
        ServerMeter notOpened = new ServerMeter(List.of(ProcessHandle.current().pid()), List.of());
        notOpened.closed();
        notOpened.addTo(never);
        assertThat(never.details).isEmpty();
    }

    @Test
    void tasksetCommandLines() {
        Pinning pin = Pinning.parse("0,1");
        assertThat(pin).isEqualTo(Pinning.defaults());
        assertThat(pin.server(List.of("/usr/sbin/nats-server", "-a", "127.0.0.1")))
                .containsExactly("taskset", "-c", "1", "/usr/sbin/nats-server", "-a", "127.0.0.1");
        assertThat(pin.clientCommand(4242)).containsExactly("taskset", "-a", "-p", "-c", "0", "4242");
        assertThat(Pinning.parse(" 3 , 2 ")).isEqualTo(new Pinning(3, 2));
        assertThatThrownBy(() -> Pinning.parse("1,1")).hasMessageContaining("two different CPUs");
        assertThatThrownBy(() -> Pinning.parse("1")).hasMessageContaining("<client cpu>,<server cpu>");
        assertThatThrownBy(() -> Pinning.parse("a,b")).hasMessageContaining("<client cpu>,<server cpu>");
        assertThatThrownBy(() -> Pinning.parse("-1,1")).hasMessageContaining(">= 0");
    }

    @Test
    void tasksetPinsARealProcessWhereTheCommandLinesSay() throws Exception {
        assumeTrue(Targets.onPath(Pinning.TASKSET) != null, "taskset not on the PATH");
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        Pinning pin = Pinning.defaults();
        Process sleep = new ProcessBuilder(pin.server(List.of("sleep", "30"))).start();
        try {
            // taskset executes sleep in its own process: the pid is the server's, pinned to the server CPU.
            await().atMost(Duration.ofSeconds(10)).until(() -> command(sleep.pid()).startsWith("sleep"));
            assertThat(allowedCpus(sleep.pid())).isEqualTo("1");
            Process moved = new ProcessBuilder(pin.clientCommand(sleep.pid())).redirectErrorStream(true).start();
            assertThat(moved.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(moved.exitValue()).isZero();
            assertThat(allowedCpus(sleep.pid())).isEqualTo("0");
        } finally {
            sleep.destroyForcibly();
            sleep.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pinAndGcLogOnTheCommandLine() {
        assertThat(LoadConfig.parse().pin).isNull();
        assertThat(LoadConfig.parse("--pin").pin).isEqualTo(new Pinning(0, 1));
        assertThat(LoadConfig.parse("--pin", "--sizes", "16").pin).isEqualTo(new Pinning(0, 1));
        assertThat(LoadConfig.parse("--pin", "2,3").pin).isEqualTo(new Pinning(2, 3));
        assertThat(LoadConfig.parse("--pin=1,0").pin).isEqualTo(new Pinning(1, 0));
        assertThat(LoadConfig.parse("--gc-log").gcLog).isTrue();
        assertThat(LoadConfig.parse().natsbootJvmArgs).containsExactly("-XX:+UseG1GC", "-Xms1g", "-Xmx1g");
        assertThat(LoadConfig.parse("--natsboot-jvm-args", "-XX:+UseG1GC -Xmx256m").natsbootJvmArgs)
                .containsExactly("-XX:+UseG1GC", "-Xmx256m");
        assertThatThrownBy(() -> LoadConfig.parse("--pin", "--url", "nats://127.0.0.1:4222"))
                .hasMessageContaining("--pin pins the servers the generator starts");
        assertThatThrownBy(() -> LoadConfig.parse("--pin", "--nats-server-url", "nats://127.0.0.1:4222"))
                .hasMessageContaining("--pin pins the servers the generator starts");
        assertThatThrownBy(() -> LoadConfig.parse("--pin", "--natsboot-mode", "embedded"))
                .hasMessageContaining("cannot pin an in-process natsboot");
        assertThat(LoadConfig.usage()).contains("--pin [<client>,<server>]", "--gc-log");
    }

    @Test
    void pinnedServersRunUnderTasksetWithTheComparisonJvmOptions(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("nats-server.jar"), "not started here");
        LoadConfig c = LoadConfig.parse("--pin", "--targets", "natsboot,nats-server", "--natsboot-jar",
                jar.toString(), "--nats-server-bin", "/bin/sleep", "--scenarios", "pubsub,cluster-pubsub");
        c.gcLogDir = tmp;
        List<Target> targets = Targets.create(c, new java.util.ArrayList<>());
        ProcessServerTarget natsboot = (ProcessServerTarget) targets.get(0);
        ProcessServerTarget natsServer = (ProcessServerTarget) targets.get(1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(natsboot.program()).containsExactly("taskset", "-c", "1", java, "-XX:+UseG1GC", "-Xms1g",
                "-Xmx1g", "-Xlog:gc:file=" + tmp.resolve("natsboot-gc-%p.log"), "-jar", jar.toString());
        assertThat(natsboot.writesGcLog()).isTrue();
        assertThat(natsServer.program()).containsExactly("taskset", "-c", "1", "/bin/sleep");
        assertThat(natsServer.writesGcLog()).isFalse();
        // Both nodes of each cluster share their server's program, so they run on the server CPU too.
        Target cluster = Targets.clusters(c, targets, new java.util.ArrayList<>()).get(LoadConfig.NATSBOOT);
        assertThat(cluster).isInstanceOf(ClusterTarget.class);
        assertThat(cluster.writesGcLog()).isTrue();

        // Pinned, natsboot is never silently moved into the load generator's JVM.
        LoadConfig noJar = LoadConfig.parse("--pin", "--targets", "natsboot", "--natsboot-jar",
                tmp.resolve("missing.jar").toString());
        Target unavailable = Targets.create(noJar, new java.util.ArrayList<>()).get(0);
        assertThat(unavailable).isInstanceOf(Target.Unavailable.class);
        assertThat(((Target.Unavailable) unavailable).reason()).contains("--pin needs natsboot in a process");
    }

    @Test
    void gcLogPausesAreCountedFromTheWindowsOffset(@TempDir Path tmp) throws IOException {
        String before = """
                [0.007s][info][gc] Using G1
                [1.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->4M(1024M) 40.000ms
                """;
        String window = """
                [2.100s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 51M->4M(1024M) 1.853ms
                [2.300s][info][gc] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 60M->9M(256M) 3.5ms
                [2.400s][info][gc] GC(2) Concurrent Mark Cycle 25.412ms
                [2.500s][info][gc] GC(2) Pause Remark 12M->12M(256M) 0.921ms
                [2.600s][info][gc] GC(2) Pause Cleanup 12M->12M(256M) 0.050ms
                [3.000s][info][gc] GC(3) Pause Full (System.gc()) 20M->3M(256M) 6.120ms
                """;
        Path log = tmp.resolve(GcLog.file(tmp, 77).getFileName());
        Files.writeString(log, before);
        long offset = GcLog.length(log);
        Files.writeString(log, before + window);

        GcLog.Pauses p = GcLog.pausesSince(log, offset);
        assertThat(p.count()).isEqualTo(5);
        assertThat(p.maxMillis()).isEqualTo(6.120);
        assertThat(p.totalMillis()).isCloseTo(1.853 + 3.5 + 0.921 + 0.050 + 6.120, within(1e-9));
        assertThat(p.describe()).isEqualTo("5 GC pauses, max 6.12 ms, total 12.4 ms");
        assertThat(GcLog.pausesSince(log, GcLog.length(log))).isEqualTo(GcLog.Pauses.NONE);
        assertThat(GcLog.pausesSince(tmp.resolve("absent.log"), 0)).isEqualTo(GcLog.Pauses.NONE);
        assertThat(GcLog.pauses(before).describe()).isEqualTo("1 GC pause, max 40.00 ms, total 40.0 ms");
        assertThat(GcLog.jvmOption(tmp)).isEqualTo("-Xlog:gc:file=" + tmp.resolve("natsboot-gc-%p.log"));
        assertThat(GcLog.inCommand(List.of("java", GcLog.jvmOption(tmp), "-jar", "x.jar"))).isTrue();
        assertThat(GcLog.inCommand(List.of("java", "-Xlog:gc", "-jar", "x.jar"))).isFalse();
    }

    @Test
    void cpuTableShowsCpuPerMillionBesideTheRateAndBothRatios() {
        LoadConfig c = LoadConfig.parse("--scenarios", "pubsub,reqreply", "--sizes", "16", "--pin");
        Report report = new Report(c);
        report.targets.add(new Report.TargetStatus(LoadConfig.NATSBOOT));
        report.targets.add(new Report.TargetStatus(LoadConfig.NATS_SERVER));
        report.results.add(run(LoadConfig.NATSBOOT, 500_000, 0.8, 3));
        report.results.add(run(LoadConfig.NATS_SERVER, 1_000_000, 0.5, -1));
        RunResult noCpu = new RunResult(Scenario.REQREPLY, 16, LoadConfig.NATSBOOT);
        noCpu.add(Metric.higher("req/s", 4000));
        report.results.add(noCpu);

        String table = report.cpuTable(false);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("Server CPU: CPU s/M = server CPU-seconds");
        assertThat(lines.get(1).split("\\s{2,}")).containsExactly("scenario", "size", "metric", "natsboot",
                "natsboot CPU s/M", "nats-server", "nats-server CPU s/M", "rate ratio", "CPU/msg ratio", "notes");
        assertThat(lines).hasSize(4); // title, head, rule and pubsub: reqreply has no server CPU figure
        assertThat(lines.get(3).split("\\s{2,}")).containsExactly("pubsub", "16", "msg/s", "500,000", "0.800",
                "1,000,000", "0.500", "0.50", "1.60",
                "natsboot: 0.40 cores, 3 GC pauses, max 4.00 ms, total 7.0 ms | nats-server: 0.50 cores");
        assertThat(report.cpuTable(true)).contains("| scenario | size | metric | natsboot | natsboot CPU s/M |");
        assertThat(report.text()).contains("Pinning : load generator (all threads) on CPU 0", "CPU/msg ratio");
        assertThat(report.json()).contains("\"cpuPerMessageRatio\": 1.600", "\"clientCpu\": 0",
                "\"serverCpuSecondsPerMillion\": 0.800");

        Report unmeasured = new Report(c);
        unmeasured.targets.add(new Report.TargetStatus(LoadConfig.NATSBOOT));
        unmeasured.results.add(noCpu);
        assertThat(unmeasured.cpuTable(false)).isEmpty();
    }

    private static RunResult run(String target, double rate, double cpuPerMillion, int gcPauses) {
        RunResult r = new RunResult(Scenario.PUBSUB, 16, target);
        r.seconds = 2;
        r.add(Metric.rate("msg/s", rate, 16));
        r.details.put("delivered", (long) (rate * 2));
        r.details.put("serverCpuSeconds", cpuPerMillion * rate * 2 / 1e6);
        r.details.put(CpuTable.PER_MILLION, cpuPerMillion);
        r.details.put("serverCores", cpuPerMillion * rate / 1e6);
        if (gcPauses >= 0) {
            r.details.put("gcPauses", gcPauses);
            r.details.put("gcMaxPauseMs", 4.0);
            r.details.put("gcTotalPauseMs", 7.0);
        }
        return r;
    }

    private static void burnCpu(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static String command(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
    }

    private static String allowedCpus(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (l.startsWith("Cpus_allowed_list:")) {
                return l.substring(l.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list for " + pid);
    }
}
