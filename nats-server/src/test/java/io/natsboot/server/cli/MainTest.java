package io.natsboot.server.cli;

import io.natsboot.server.options.ServerVersion;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.log.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeLifecycle lifecycle = new FakeLifecycle();
    private final List<FakeServer> servers = new ArrayList<>();
    private RuntimeException startFailure;

    @TempDir
    Path dir;

    @AfterEach
    void resetLogging() {
        LogSetup.reset();
    }

    private Main main() {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), options -> {
                    FakeServer s = new FakeServer(options, startFailure);
                    servers.add(s);
                    return s;
                }, lifecycle);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void helpPrintsUsage() {
        assertThat(main().execute("-h")).isZero();
        assertThat(out()).contains("Usage: nats-server [options]").contains("--cluster_name");
        assertThat(err()).isEmpty();
        assertThat(servers).isEmpty();
    }

    @Test
    void versionPrintsTheNatsServerAndNatsbootVersions() {
        assertThat(main().execute("--version", "-h")).isZero();
        assertThat(out()).isEqualTo("nats-server: v2.9.10 (natsboot " + ServerVersion.natsbootVersion() + ")\n");
        assertThat(ServerVersion.natsbootVersion()).isNotBlank();
    }

    @Test
    void testConfigAcceptsAGoodFile() throws Exception {
        Path conf = write("good.conf", "port: 4333\nhttp: 8333\n");
        assertThat(main().execute("-c", conf.toString(), "-t")).isZero();
        assertThat(err()).isEqualTo("nats-server: config file " + conf + " is valid\n");
        assertThat(servers).isEmpty();
    }

    @Test
    void testConfigRejectsABadFile() throws Exception {
        Path conf = write("bad.conf", "port: 4333\nmax_payloadz: 1\n");
        assertThat(main().execute("-t", "-c", conf.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("nats-server: " + conf + ":2:1: unknown field \"max_payloadz\"\n");
    }

    @Test
    void testConfigFailsOnWarningsLikeNatsServer() throws Exception {
        Path conf = write("warn.conf", "ping_interval: 5\n");
        assertThat(main().execute("-t", "-c", conf.toString())).isEqualTo(1);
        assertThat(err()).startsWith("nats-server: " + conf + ":1:1: \"ping_interval\" should be a duration");
    }

    @Test
    void testConfigChecksTheStartupLimitsToo() throws Exception {
        Path conf = write("limits.conf", "max_payload: 2MB\nmax_pending: 1MB\n");
        assertThat(main().execute("-t", "-c", conf.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("nats-server: max_payload (2097152) must not be higher than max_pending "
                + "(1048576)\n");
    }

    @Test
    void testConfigNeedsAFile() {
        assertThat(main().execute("-t")).isEqualTo(1);
        assertThat(err()).startsWith("nats-server: -t checks a configuration file");
    }

    @Test
    void testConfigReportsAMissingFile() {
        assertThat(main().execute("-t", "-c", dir.resolve("nope.conf").toString())).isEqualTo(1);
        assertThat(err()).contains("cannot open configuration file").contains("nope.conf");
    }

    @Test
    void badFlagPrintsTheErrorAndUsageAndFails() {
        assertThat(main().execute("--bogus")).isEqualTo(1);
        assertThat(err()).isEqualTo("nats-server: unknown flag: -bogus\n");
        assertThat(out()).contains("Usage: nats-server");
    }

    @Test
    void refusedFeatureFailsWithoutUsage() {
        assertThat(main().execute("-js")).isEqualTo(1);
        assertThat(err()).isEqualTo("nats-server: JetStream is not supported by natsboot yet (-js)\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void badConfigWhenRunningFailsBeforeStarting() throws Exception {
        Path conf = write("bad.conf", "cluster { foo: 1 }\n");
        assertThat(main().execute("-c", conf.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("nats-server: " + conf + ":1:11: unknown field \"foo\"\n");
        assertThat(servers).isEmpty();
    }

    @Test
    void startFailureIsLoggedAsFatal() {
        startFailure = new IllegalStateException("cannot bind 0.0.0.0:4222: address in use");
        assertThat(main().execute("-T=false")).isEqualTo(1);
        assertThat(err()).isEqualTo("[" + ProcessHandle.current().pid()
                + "] [FTL] cannot bind 0.0.0.0:4222: address in use\n");
        assertThat(lifecycle.hooks).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"INT, 0", "TERM, 1"})
    void runsUntilSignalledThenCleansUp(String signal, int exitCode) throws Exception {
        Path pidFile = dir.resolve("n.pid");
        Path portsDir = Files.createDirectory(dir.resolve("ports"));
        Path portsFile = portsDir.resolve("nats-server_" + ProcessHandle.current().pid() + ".ports");
        Path conf = write("run.conf", "ping_interval: 7\nhttp: 8222\n");
        Main main = main();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> main.execute("-c", conf.toString(),
                "-a", "127.0.0.1", "-p", "-1", "-P", pidFile.toString(), "--ports_file_dir", portsDir.toString(),
                "-T=false", "-D"));
        assertThat(lifecycle.waiting.await(10, TimeUnit.SECONDS)).isTrue();

        FakeServer server = servers.get(0);
        assertThat(server.started).isTrue();
        assertThat(server.options.getPort()).isZero();
        assertThat(server.options.getHttpPort()).isEqualTo(8222);
        assertThat(server.options.isDebug()).isTrue();
        assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(Files.readString(portsFile))
                .isEqualTo("{\"nats\":[\"nats://127.0.0.1:4222\"],\"monitoring\":[\"http://127.0.0.1:8222\"]}");
        assertThat(err()).contains("[WRN] " + conf + ":1:1: \"ping_interval\" should be a duration");
        assertThat(run).isNotDone();

        lifecycle.onStop.accept(signal);
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(exitCode);
        assertThat(server.shutdowns.get()).isEqualTo(1);
        assertThat(pidFile).doesNotExist();
        assertThat(portsFile).doesNotExist();
        assertThat(err()).contains("[DBG] received signal SIG" + signal + ", shutting down");

        lifecycle.hooks.get(0).run(); // the JVM exit that follows runs the hook: nothing more to do
        assertThat(server.shutdowns.get()).isEqualTo(1);
    }

    @Test
    void sigusr2EntersLameDuckModeDuringWhichSigtermIsIgnoredAndTheEndOfItEndsTheProgram() throws Exception {
        Path pidFile = dir.resolve("l.pid");
        Main main = main();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> main.execute("-p", "-1", "-P",
                pidFile.toString(), "-T=false"));
        assertThat(lifecycle.waiting.await(10, TimeUnit.SECONDS)).isTrue();
        FakeServer server = servers.get(0);

        lifecycle.onLameDuck.run();
        assertThat(server.lameDuck).isTrue();
        lifecycle.onStop.accept("TERM"); // as nats-server: lame duck mode goes on
        assertThat(run).isNotDone();
        assertThat(server.shutdowns.get()).isZero();

        server.shutDownItself.run(); // lame duck mode is over
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void theShutdownHookStopsTheServerWhenTheJvmExitsOtherwise() throws Exception {
        Path pidFile = dir.resolve("h.pid");
        Main main = main();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> main.execute("-p", "-1", "-P",
                pidFile.toString(), "-T=false"));
        assertThat(lifecycle.waiting.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile).exists();

        lifecycle.hooks.get(0).run();
        assertThat(servers.get(0).shutdowns.get()).isEqualTo(1);
        assertThat(pidFile).doesNotExist();
        lifecycle.onStop.accept("INT"); // let the blocked run end
        assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(servers.get(0).shutdowns.get()).isEqualTo(1);
    }

    @Test
    void unwritablePidFileStopsTheServer() {
        Path pidFile = dir.resolve("missing-dir/n.pid");
        assertThat(main().execute("-P", pidFile.toString(), "-T=false")).isEqualTo(1);
        assertThat(err()).contains("[FTL] cannot write pid file " + pidFile);
        assertThat(servers.get(0).shutdowns.get()).isEqualTo(1);
    }

    @Test
    void logsToTheLogFile() throws Exception {
        Path log = dir.resolve("n.log");
        startFailure = new IllegalStateException("boom");
        assertThat(main().execute("-l", log.toString(), "-T=false")).isEqualTo(1);
        assertThat(Files.readString(log)).isEqualTo("[" + ProcessHandle.current().pid() + "] [FTL] boom\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void unusableLogFileFails() {
        assertThat(main().execute("-l", dir.resolve("no/dir/n.log").toString())).isEqualTo(1);
        assertThat(err()).startsWith("nats-server: cannot open log file ");
        assertThat(servers).isEmpty();
    }

    private static final class FakeServer implements Main.ServerHandle {
        final ServerOptions options;
        final RuntimeException failure;
        final AtomicInteger shutdowns = new AtomicInteger();
        volatile boolean started;
        volatile boolean lameDuck;
        volatile Runnable shutDownItself = () -> { };

        FakeServer(ServerOptions options, RuntimeException failure) {
            this.options = options;
            this.failure = failure;
        }

        @Override
        public void start() {
            if (failure != null) {
                throw failure;
            }
            started = true;
        }

        @Override
        public int port() {
            return options.getPort() == 0 ? 4222 : options.getPort();
        }

        @Override
        public int httpPort() {
            return options.getHttpPort() < 0 ? -1 : options.getHttpPort() == 0 ? 8222 : options.getHttpPort();
        }

        @Override
        public void shutdown() {
            shutdowns.incrementAndGet();
        }

        @Override
        public void enterLameDuckMode() {
            lameDuck = true;
        }

        @Override
        public boolean isLameDuckMode() {
            return lameDuck;
        }

        @Override
        public void whenShutdown(Runnable action) {
            shutDownItself = action;
        }
    }

    private static final class FakeLifecycle implements Main.Lifecycle {
        final CountDownLatch waiting = new CountDownLatch(1);
        final List<Thread> hooks = new ArrayList<>();
        volatile Consumer<String> onStop;
        volatile Runnable onLameDuck;

        @Override
        public void onLameDuckSignal(Runnable onLameDuck) {
            this.onLameDuck = onLameDuck;
        }

        @Override
        public void onStopSignal(Consumer<String> onStop) {
            this.onStop = onStop;
        }

        @Override
        public synchronized void addShutdownHook(Thread hook) {
            hooks.add(hook);
            waiting.countDown(); // registered last, just before Main blocks
        }
    }
}
