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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the load generator end to end against the official nats-server: every scenario, briefly. Both columns are
 * nats-server here (natsboot's column points at a second nats-server through --natsboot-url), so the test does not
 * depend on the state of the engine. Skipped when nats-server is not on the PATH, except on CI where it must be.
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

        Report report = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> new LoadGenerator(config, print(out), print(err)).run());

        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(report.target(LoadConfig.NATS_SERVER).started()).isTrue();
        assertThat(report.target(LoadConfig.NATSBOOT).started()).isTrue();
        for (String target : new String[] {LoadConfig.NATSBOOT, LoadConfig.NATS_SERVER}) {
            for (Scenario s : Scenario.values()) {
                for (int size : new int[] {16, 128, 1024}) {
                    RunResult r = report.result(target, s, size);
                    String what = target + " " + s.id() + " " + size;
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
        assertThat(text).contains("Ratio", "natsboot / nats-server", "reqreply-async", "p99 us", "msg/s per sub");
        // The nats-server the generator started is gone.
        long pid = report.target(LoadConfig.NATS_SERVER).pid();
        assertThat(pid).isPositive();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
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
            case REQREPLY, REQREPLY_ASYNC -> {
                assertThat(r.detail("replies")).isEqualTo(MESSAGES);
                assertThat(r.metrics().get("p50 us").value()).isPositive();
                assertThat(r.metrics().get("p99 us").value())
                        .isGreaterThanOrEqualTo(r.metrics().get("p50 us").value());
            }
            default -> fail("unexpected scenario " + r.scenario());
        }
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
