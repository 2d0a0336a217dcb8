package io.natsboot.bench.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the load generator end to end against the official nats-server: every scenario, briefly. Both columns are
 * nats-server here (natsboot's column points at a second nats-server through --natsboot-url, so its cluster scenarios
 * are skipped; nats-server's run on a 2-node nats-server cluster), so the test does not depend on the state of the
 * engine. A second test runs the cluster scenarios on a natsboot cluster too when the standalone jar is built.
 * Skipped when nats-server is not on the PATH, except on CI where it must be.
 */
class LoadGeneratorTest {

    private static final int MESSAGES = 200;
    private static ProcessServerTarget standIn;
    private static String standInUrl;

    @BeforeAll
    static void startStandIn() throws Exception {
        Path binary = Targets.onPath("nats-server");
        if (binary == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("nats-server is not on the PATH; it is required on CI");
            }
            assumeTrue(false, "nats-server is not on the PATH");
        }
        standIn = ProcessServerTarget.natsServer(binary.toString());
        standInUrl = standIn.start();
    }

    @AfterAll
    static void stopStandIn() {
        if (standIn != null) {
            long pid = standIn.pid();
            standIn.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void everyScenarioRunsEndToEndComparesAndStopsByItself(@TempDir Path tmp) {
        Path json = tmp.resolve("result.json");
        Path md = tmp.resolve("result.md");
        LoadConfig config = LoadConfig.parse("--targets", "natsboot,nats-server", "--natsboot-url", standInUrl,
                "--messages", String.valueOf(MESSAGES), "--no-warmup", "--sizes", "16,128,1024",
                "--scenarios", "all", "--stall-timeout", "5", "--json", json.toString(),
                "--markdown", md.toString(), "--quiet");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Report report = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> new LoadGenerator(config, print(out), print(err)).run());

        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(report.target(LoadConfig.NATS_SERVER).started()).isTrue();
        assertThat(report.target(LoadConfig.NATSBOOT).started()).isTrue();
        assertThat(report.cluster(LoadConfig.NATS_SERVER).started()).isTrue();
        assertThat(report.cluster(LoadConfig.NATSBOOT)).isNull();
        assertThat(report.notes()).anyMatch(n -> n.contains("cluster scenarios skipped for natsboot"));
        for (String target : new String[] {LoadConfig.NATSBOOT, LoadConfig.NATS_SERVER}) {
            for (Scenario s : Scenario.values()) {
                for (int size : new int[] {16, 128, 1024}) {
                    RunResult r = report.result(target, s, size);
                    String what = target + " " + s.id() + " " + size;
                    if (s.isCluster() && target.equals(LoadConfig.NATSBOOT)) {
                        assertThat(r).as(what + ": skipped, its server is given by URL").isNull();
                        continue;
                    }
                    assertThat(r).as(what).isNotNull();
                    assertThat(r.failure()).as(what).isNull();
                    assertThat(r.partial()).as(what + " " + r.notes()).isFalse();
                    assertThat(r.primary().value()).as(what).isPositive();
                    assertThat(r.detail("slowConsumerEvents")).as(what).isZero();
                    checkCounts(r);
                }
            }
        }
        assertThat(report.exitCode()).isZero();
        assertThat(text).contains("Ratio", "natsboot / nats-server", "reqreply-async", "p99 us", "msg/s per sub",
                "cluster-pubsub", "cluster-queue", "skipped", "Clusters:");
        // The nats-server the generator started is gone, and so is its cluster.
        long pid = report.target(LoadConfig.NATS_SERVER).pid();
        assertThat(pid).isPositive();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertNoClusterNodeLeft();
        assertThat(json).content().contains("\"comparison\"", "\"ratio\"", "\"queue\"");
        assertThat(md).content().contains("| scenario | size | metric | natsboot | nats-server | ratio | notes |");
    }

    private static void checkCounts(RunResult r) {
        switch (r.scenario()) {
            case PUB -> assertThat(r.detail("published")).isEqualTo(MESSAGES);
            case PUBSUB -> assertThat(r.detail("delivered")).isEqualTo(MESSAGES);
            case FANOUT -> assertThat(r.detail("delivered")).isEqualTo(4L * MESSAGES);
            case QUEUE -> {
                assertThat(r.detail("delivered")).isEqualTo(MESSAGES);
                assertThat(r.detail("duplicates")).isZero();
                assertThat(r.detail("missing")).isZero();
            }
            case CLUSTER_PUBSUB -> assertThat(r.detail("delivered")).isEqualTo(MESSAGES);
            case CLUSTER_QUEUE -> {
                assertThat(r.detail("delivered")).isEqualTo(MESSAGES);
                assertThat(r.detail("duplicates")).isZero();
                assertThat(r.detail("missing")).isZero();
                assertThat(r.details().get("subscriberNodes").toString()).isEqualTo("[B, A, B, A]");
            }
            case REQREPLY, REQREPLY_ASYNC -> {
                assertThat(r.detail("replies")).isEqualTo(MESSAGES);
                assertThat(r.metrics().get("p50 us").value()).isPositive();
                assertThat(r.metrics().get("p99 us").value())
                        .isGreaterThanOrEqualTo(r.metrics().get("p50 us").value());
            }
            default -> fail("unexpected scenario " + r.scenario());
        }
    }

    /**
     * The cluster scenarios on a 2-node nats-server cluster and, when {@code nats-server/target/nats-server.jar} is
     * built, on a 2-node natsboot cluster (4 processes), with exactly-once and loss checks; all nodes stopped after.
     */
    @Test
    void clusterScenariosRunOnTwoNodeClustersOfBothServers() {
        boolean natsbootJar = Targets.findJar(new LoadConfig().natsbootJar) != null;
        LoadConfig config = LoadConfig.parse("--targets", natsbootJar ? "natsboot,nats-server" : "nats-server",
                "--natsboot-mode", "process", "--messages", String.valueOf(MESSAGES), "--no-warmup",
                "--sizes", "16,128,1024", "--scenarios", "cluster-pubsub,cluster-queue", "--stall-timeout", "5",
                "--quiet");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Report report = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> new LoadGenerator(config, print(out), print(err)).run());

        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        List<String> targets = natsbootJar ? List.of(LoadConfig.NATSBOOT, LoadConfig.NATS_SERVER)
                : List.of(LoadConfig.NATS_SERVER);
        for (String target : targets) {
            assertThat(report.cluster(target).started()).as(target + " " + report.cluster(target).error()).isTrue();
            for (Scenario s : List.of(Scenario.CLUSTER_PUBSUB, Scenario.CLUSTER_QUEUE)) {
                for (int size : new int[] {16, 128, 1024}) {
                    RunResult r = report.result(target, s, size);
                    String what = target + " " + s.id() + " " + size;
                    assertThat(r).as(what).isNotNull();
                    assertThat(r.failure()).as(what).isNull();
                    assertThat(r.partial()).as(what + " " + r.notes()).isFalse();
                    assertThat(r.primary().value()).as(what).isPositive();
                    checkCounts(r);
                }
            }
        }
        assertThat(report.exitCode()).isZero();
        assertThat(text).contains("cluster-pubsub", "cluster-queue", "2-node cluster 'bench'");
        if (natsbootJar) {
            assertThat(text).contains("Ratio");
        }
        assertNoClusterNodeLeft();
    }

    /** No child process of this JVM is a cluster node any more. */
    private static void assertNoClusterNodeLeft() {
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains("--cluster_name " + ClusterTarget.CLUSTER_NAME)).toList();
        assertThat(left).isEmpty();
    }

    @Test
    void aTargetThatCannotStartIsReportedWhileTheOtherRuns(@TempDir Path tmp) throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.jar"), "not a jar");
        LoadConfig config = LoadConfig.parse("--targets", "natsboot,nats-server", "--natsboot-mode", "process",
                "--natsboot-jar", broken.toString(), "--nats-server-url", standInUrl, "--messages", "200",
                "--no-warmup", "--sizes", "16", "--scenarios", "pubsub", "--quiet");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Report report = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new LoadGenerator(config, print(out), print(err)).run());

        Report.TargetStatus natsboot = report.target(LoadConfig.NATSBOOT);
        assertThat(natsboot.started()).isFalse();
        assertThat(natsboot.error()).contains("exited with code");
        assertThat(report.result(LoadConfig.NATS_SERVER, Scenario.PUBSUB, 16).ok()).isTrue();
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED TO START", "not started");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[natsboot] FAILED TO START");
        // The failed server's log is kept for the user; this test's one is of no further use.
        Matcher log = Pattern.compile("\\(log (\\S+\\.log)\\)").matcher(natsboot.error());
        assertThat(log.find()).as(natsboot.error()).isTrue();
        Files.deleteIfExists(Path.of(log.group(1)));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
