package io.natsboot.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server in a child process listening on a free loopback port: the official nats-server binary, or natsboot's
 * standalone jar in a JVM of its own. Output goes to a temporary log whose tail explains a failed start. Every child
 * is also killed by a shutdown hook, so Ctrl-C or a crash of the load generator leaves no server behind.
 */
final class ProcessServerTarget implements Target {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private final String name;
    private final IntFunction<List<String>> command;
    /** The program part of the command (binary, or java and its options up to the jar), for cluster nodes. */
    private List<String> program = List.of();
    private Process process;
    private Path log;
    private List<String> startedCommand = List.of();
    private boolean keepLog;

    /** @param command the command line for a given port */
    ProcessServerTarget(String name, IntFunction<List<String>> command) {
        this.name = name;
        this.command = command;
    }

    static ProcessServerTarget natsServer(String binary) {
        return natsServer(binary, List.of());
    }

    /** @param serverArgs after the address and port, e.g. {@code -c <file>} of a security profile */
    static ProcessServerTarget natsServer(String binary, List<String> serverArgs) {
        return withProgram(LoadConfig.NATS_SERVER, List.of(binary), serverArgs);
    }

    /** {@code program -a 127.0.0.1 -p <port> extraArgs...}; both servers take the same flags. */
    static ProcessServerTarget withProgram(String name, List<String> program, List<String> extraArgs) {
        ProcessServerTarget t = new ProcessServerTarget(name, port -> {
            List<String> cmd = new ArrayList<>(program);
            cmd.addAll(List.of("-a", "127.0.0.1", "-p", String.valueOf(port)));
            cmd.addAll(extraArgs);
            return cmd;
        });
        t.program = List.copyOf(program);
        return t;
    }

    static List<String> javaJar(Path jar, List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    /** The program (without the address and port options); empty for a target built from a bare command. */
    List<String> program() {
        return program;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String start() throws Exception {
        installHook();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                startOn(port);
                return "nats://127.0.0.1:" + port;
            } catch (IllegalStateException e) {
                last = e;
                // Another program may have taken the port between probing and binding: try another one.
                if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    private void startOn(int port) throws IOException, InterruptedException {
        startedCommand = command.apply(port);
        log = Files.createTempFile("natsboot-bench-" + name + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(startedCommand).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            process = pb.start();
        } catch (IOException e) {
            keepLog = false;
            deleteLog();
            throw new IllegalStateException("cannot run " + startedCommand.get(0) + ": " + e.getMessage(), e);
        }
        LIVE.add(process);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                String why = "process exited with code " + process.exitValue()
                        + " before accepting connections" + logTail();
                keepLog = true;
                close();
                throw new IllegalStateException(why);
            }
            if (accepts(port)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                String why = "no connection accepted on port " + port + " within " + START_TIMEOUT.toSeconds()
                        + " s" + logTail();
                keepLog = true;
                close();
                throw new IllegalStateException(why);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public String description() {
        String pid = process != null ? "pid " + process.pid() + ": " : "";
        return "process " + pid + String.join(" ", startedCommand);
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public List<Long> serverPids() {
        long pid = pid();
        return pid > 0 ? List.of(pid) : List.of();
    }

    @Override
    public boolean writesGcLog() {
        return GcLog.inCommand(program);
    }

    @Override
    public String healthProblem() {
        Process p = process;
        if (p != null && !p.isAlive()) {
            keepLog = true;
            return "server process exited with code " + p.exitValue() + logTail();
        }
        return null;
    }

    @Override
    public synchronized void close() {
        Process p = process;
        if (p != null) {
            stop(p);
            LIVE.remove(p);
        }
        if (!keepLog) {
            deleteLog();
        }
    }

    /** SIGTERM, then SIGKILL after 5 s; nothing for {@code null} or an exited process. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteLog() {
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a stray temp file
            }
        }
    }

    /** The last lines of the server's output, to explain a failure. */
    private String logTail() {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    lines.add(l.trim());
                }
            }
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
            if (tail.length() > 400) {
                tail = "..." + tail.substring(tail.length() - 400);
            }
            return tail.isEmpty() ? " (no output; log " + log + ")" : ": " + tail + " (log " + log + ")";
        } catch (IOException | UncheckedIOException e) {
            return " (log " + log + ")";
        }
    }

    /** Whether a server accepts connections on this loopback port now. */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Kills every server child still running when the JVM exits, however it exits. */
    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.destroy();
            }
            for (Process p : LIVE) {
                try {
                    if (!p.waitFor(3, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }, "natsboot-bench-kill-servers"));
    }
}
