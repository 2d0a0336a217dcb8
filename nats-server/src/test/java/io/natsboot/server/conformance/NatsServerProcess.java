package io.natsboot.server.conformance;

import io.natsboot.server.test.ChildProcesses;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official {@code nats-server} binary as a child process, for comparing natsboot with it: listens on 127.0.0.1 and
 * a random port (read back from its log), with an optional configuration file. Killed on {@link #close()} and, as a
 * last resort, when the JVM exits.
 */
public final class NatsServerProcess implements AutoCloseable {

    private static final String BINARY = "nats-server";
    private static final String LISTENING = "Listening for client connections on ";
    private static final int LOG_LINES_KEPT = 1000;

    private final Process process;
    private final Path configFile;
    private final int port;
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private final Thread shutdownHook;

    private NatsServerProcess(Path binary, String config) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p", "-1"));
        if (config != null && !config.isBlank()) {
            configFile = Files.createTempFile("nats-conformance-", ".conf");
            Files.writeString(configFile, config, StandardCharsets.UTF_8);
            command.add("-c");
            command.add(configFile.toString());
        } else {
            configFile = null;
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        shutdownHook = new Thread(process::destroyForcibly, "nats-server-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(listening), "nats-server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            port = listening.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting nats-server", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("nats-server did not start: " + e.getMessage() + "\n" + log(), e);
        }
    }

    /**
     * Starts the binary with {@code config} (nats-server configuration syntax; empty for none). Skips the calling
     * test when the binary is not on the PATH, unless {@code CI=true}, where that fails it.
     */
    public static NatsServerProcess start(String config) {
        Path binary = requireBinary();
        try {
            return new NatsServerProcess(binary, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** The binary on the PATH, or a skipped test (a failed one under {@code CI=true}). */
    public static Path requireBinary() {
        Optional<Path> binary = locate();
        if (binary.isEmpty()) {
            String why = BINARY + " is not on the PATH: the comparison with the official server cannot run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI=true, so this is a failure)");
            }
            Assumptions.abort(why);
        }
        return binary.get();
    }

    /** Finds {@code nats-server} on the PATH. */
    public static Optional<Path> locate() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, BINARY);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The process id, to signal it as an operator would ({@code kill -USR2}). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String clientUrl() {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * The monitoring port nats-server chose ({@code http_port: -1} in its config), from its {@code Starting http
     * monitor on} line.
     */
    public int monitorPort() {
        Pattern p = Pattern.compile("Starting http monitor on [^:]+:(\\d+)");
        await().atMost(Duration.ofSeconds(10)).until(() -> p.matcher(log()).find());
        Matcher m = p.matcher(log());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The last lines the server logged, for failure messages. */
    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** The last lines the server logged, oldest first. */
    public List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private void readLog(CompletableFuture<Integer> listening) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (log) {
                    if (log.size() == LOG_LINES_KEPT) {
                        log.removeFirst();
                    }
                    log.addLast(line);
                }
                int at = line.indexOf(LISTENING);
                if (at >= 0 && !listening.isDone()) {
                    String hostPort = line.substring(at + LISTENING.length()).trim();
                    listening.complete(Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("nats-server exited"));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, shutdownHook, configFile);
    }
}
