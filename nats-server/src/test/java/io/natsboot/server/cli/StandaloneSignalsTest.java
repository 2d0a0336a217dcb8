package io.natsboot.server.cli;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.test.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone server in its own JVM, signalled as an operator would: {@code --signal ldm=<pid file>} (SIGUSR2)
 * puts it in lame duck mode, its client is told and let go, and the program exits 0 after the duration; SIGTERM
 * stops it with exit code 1.
 */
class StandaloneSignalsTest {

    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on [^ ]+:(\\d+)");

    @TempDir
    Path dir;

    /** A child JVM running {@link Main}, its log lines gathered. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final Thread hook;
        final List<String> lines = new ArrayList<>();
        final CompletableFuture<Integer> port = new CompletableFuture<>();

        Child(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            hook = new Thread(process::destroyForcibly, "standalone-killer");
            Runtime.getRuntime().addShutdownHook(hook);
            Thread reader = new Thread(this::read, "standalone-log");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            port.completeExceptionally(new IllegalStateException("the server exited: " + log()));
        }

        String log() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void close() {
            ChildProcesses.stop(process, hook, null);
        }
    }

    private static int signal(String argument) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), o -> {
                    throw new AssertionError("no server is started to send a signal");
                }, new Main.ProcessLifecycle()).execute("--signal", argument);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return code;
    }

    @Test
    void ldmMovesTheClientAwayAndTheServerExitsZero() throws Exception {
        Path pidFile = dir.resolve("nats.pid");
        // lame_duck_duration may not be under 30s in a config file (as nats-server); one client is let go after the
        // grace period, and the server exits as soon as it is gone
        Path conf = Files.writeString(dir.resolve("ld.conf"), "lame_duck_duration: \"30s\"\n"
                + "lame_duck_grace_period: \"1s\"\n");
        try (Child child = new Child("-a", "127.0.0.1", "-p", "-1", "-P", pidFile.toString(), "-c", conf.toString())) {
            int port = child.port.get(30, TimeUnit.SECONDS);
            AtomicBoolean toldLameDuck = new AtomicBoolean();
            try (Connection client = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .maxReconnects(0).connectionListener((c, e) -> {
                        if (e == ConnectionListener.Events.LAME_DUCK) {
                            toldLameDuck.set(true);
                        }
                    }).build())) {
                client.flush(Duration.ofSeconds(5));
                assertThat(pidFile).exists();
                long sent = System.nanoTime();
                assertThat(signal("ldm=" + pidFile)).isZero();
                assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).as(child.log()).isTrue();
                long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                assertThat(child.process.exitValue()).as(child.log()).isZero();
                assertThat(toldLameDuck).isTrue();
                assertThat(client.getStatus()).isNotEqualTo(Connection.Status.CONNECTED);
                assertThat(child.log()).contains("[INF] Entering lame duck mode, stop accepting new clients",
                        "[INF] Closing existing clients", "[INF] Server Exiting..");
                assertThat(pidFile).doesNotExist();
                System.err.println("standalone: ldm signal to exit " + exitMillis + " ms (1s grace, loaded machine)");
            }
        }
    }

    @Test
    void termStopsTheServerWithExitCodeOne() throws Exception {
        Path pidFile = dir.resolve("term.pid");
        try (Child child = new Child("-a", "127.0.0.1", "-p", "-1", "-P", pidFile.toString())) {
            int port = child.port.get(30, TimeUnit.SECONDS);
            try (Connection client = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port)
                    .maxReconnects(0).build())) {
                client.flush(Duration.ofSeconds(5));
                long sent = System.nanoTime();
                assertThat(signal("term=" + pidFile)).isZero();
                assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).as(child.log()).isTrue();
                long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                assertThat(child.process.exitValue()).as(child.log()).isEqualTo(1);
                assertThat(child.log()).contains("[INF] Initiating Shutdown...", "[INF] Server Exiting..");
                System.err.println("standalone: SIGTERM to exit " + exitMillis + " ms with one client (loaded machine)");
            }
        }
    }
}
