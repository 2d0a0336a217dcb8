package io.natsboot.bench.load;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How soon a freshly started server serves, natsboot's standalone jar beside the official nats-server, each run a new
 * process: exec to client port open; accept to the first byte of INFO; the first TLS handshake (after INFO, as nats-server
 * 2.9 does it); the first PING answered; and, for the second node of a two-node cluster, the time from its client port
 * opening until a client connected at that moment learns the first node's URL (in its INFO or a later one). natsboot
 * runs twice: {@code java -jar}, and with the class-data archive the build writes beside the jar (the documented launch).
 *
 * <pre>
 * java -cp bench/target/bench.jar io.natsboot.bench.load.StartupBenchmark [--runs 5] [--natsboot-jar PATH]
 *      [--natsboot-jvm-args "..."] [--server-cpu 1]
 * </pre>
 */
public final class StartupBenchmark {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final List<String> natsboot;
    private final List<String> natsbootCds;
    private final List<String> natsServer;
    private final String serverCpu;
    private final int runs;

    private StartupBenchmark(List<String> natsboot, List<String> natsbootCds, List<String> natsServer,
                             String serverCpu, int runs) {
        this.natsboot = natsboot;
        this.natsbootCds = natsbootCds;
        this.natsServer = natsServer;
        this.serverCpu = serverCpu;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        String jar = "nats-server/target/nats-server.jar";
        List<String> jvmArgs = LoadConfig.DEFAULT_NATSBOOT_JVM_ARGS;
        String cpu = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--natsboot-jar" -> jar = args[++i];
                case "--natsboot-jvm-args" -> jvmArgs = List.of(args[++i].trim().split("\\s+"));
                case "--server-cpu" -> cpu = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--runs N, --natsboot-jar PATH, --natsboot-jvm-args \"...\", --server-cpu N)");
            }
        }
        Path natsbootJar = Targets.findJar(jar);
        if (natsbootJar == null) {
            throw new IllegalStateException("no natsboot jar at " + jar
                    + " (build it: mvn -B -q -pl nats-server,bench -am -DskipTests package)");
        }
        Path binary = Targets.onPath("nats-server");
        List<String> natsServer = binary == null ? null : List.of(binary.toString());
        // the documented launch command: the class-data archive the build writes beside the jar
        Path archive = natsbootJar.resolveSibling("nats-server.jsa");
        List<String> withArchive = null;
        if (Files.isRegularFile(archive)) {
            List<String> cdsArgs = new ArrayList<>(jvmArgs);
            cdsArgs.add("-XX:SharedArchiveFile=" + archive);
            withArchive = ProcessServerTarget.javaJar(natsbootJar, cdsArgs);
        }
        new StartupBenchmark(ProcessServerTarget.javaJar(natsbootJar, jvmArgs), withArchive, natsServer, cpu, runs)
                .run();
    }

    private void run() throws Exception {
        System.out.println("natsboot start-up, " + runs + " runs per figure, each a new process"
                + (serverCpu == null ? "" : ", servers on CPU " + serverCpu));
        System.out.println("natsboot   : " + String.join(" ", natsboot));
        System.out.println("+ CDS      : " + (natsbootCds == null ? "no nats-server.jsa beside the jar"
                : String.join(" ", natsbootCds)));
        System.out.println("nats-server: " + (natsServer == null ? "not on the PATH" : natsServer.get(0)));
        Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
        try (SecuritySetup tls = SecuritySetup.prepare(SecurityProfile.TLS)) {
            for (int r = 0; r < runs; r++) {
                measure(figures, "natsboot", natsboot, tls);
                if (natsbootCds != null) {
                    measure(figures, "natsboot + CDS", natsbootCds, tls);
                }
                if (natsServer != null) {
                    measure(figures, "nats-server", natsServer, tls);
                }
            }
        }
        print(figures);
    }

    private void measure(Map<String, Map<String, List<Double>>> figures, String name, List<String> program,
                         SecuritySetup tls) throws Exception {
        Map<String, List<Double>> mine = figures.computeIfAbsent(name, n -> new LinkedHashMap<>());
        plain(program, mine);
        secured(program, tls, mine);
        cluster(program, mine);
    }

    private void plain(List<String> program, Map<String, List<Double>> out) throws Exception {
        int port = ProcessServerTarget.freePort();
        long exec = System.nanoTime();
        Process p = start(program, List.of("-a", "127.0.0.1", "-p", String.valueOf(port)));
        try (Socket s = connectWhenOpen(port, exec, p)) {
            long open = System.nanoTime();
            add(out, "exec -> client port open", open - exec);
            readLine(s.getInputStream());
            add(out, "accept -> INFO", System.nanoTime() - open);
            long ping = System.nanoTime();
            write(s.getOutputStream(), "CONNECT {\"verbose\":false}\r\nPING\r\n");
            expect(s.getInputStream(), "PONG");
            add(out, "first PING -> PONG", System.nanoTime() - ping);
        } finally {
            ProcessServerTarget.stop(p);
        }
    }

    private void secured(List<String> program, SecuritySetup tls, Map<String, List<Double>> out) throws Exception {
        int port = ProcessServerTarget.freePort();
        List<String> args = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", String.valueOf(port)));
        args.addAll(tls.serverArgs());
        long exec = System.nanoTime();
        Process p = start(program, args);
        try (Socket s = connectWhenOpen(port, exec, p)) {
            add(out, "exec -> client port open (TLS config)", System.nanoTime() - exec);
            readLine(s.getInputStream());
            long handshake = System.nanoTime();
            try (SSLSocket ssl = (SSLSocket) tls.clientContext().getSocketFactory()
                    .createSocket(s, "localhost", port, true)) {
                ssl.startHandshake();
                add(out, "first TLS handshake", System.nanoTime() - handshake);
            }
        } finally {
            ProcessServerTarget.stop(p);
        }
    }

    private void cluster(List<String> program, Map<String, List<Double>> out) throws Exception {
        int portA = ProcessServerTarget.freePort();
        int clusterA = ProcessServerTarget.freePort();
        Process a = start(program, List.of("-a", "127.0.0.1", "-p", String.valueOf(portA), "--cluster",
                "nats://127.0.0.1:" + clusterA, "--cluster_name", "startup", "-n", "A"));
        Process b = null;
        try {
            connectWhenOpen(portA, System.nanoTime(), a).close();
            int portB = ProcessServerTarget.freePort();
            long exec = System.nanoTime();
            b = start(program, List.of("-a", "127.0.0.1", "-p", String.valueOf(portB), "--cluster",
                    "nats://127.0.0.1:" + ProcessServerTarget.freePort(), "--cluster_name", "startup", "-n", "B",
                    "--routes", "nats-route://127.0.0.1:" + clusterA));
            try (Socket s = connectWhenOpen(portB, exec, b)) {
                long open = System.nanoTime();
                String peer = "127.0.0.1:" + portA;
                String info = readLine(s.getInputStream());
                if (!info.contains(peer)) {
                    write(s.getOutputStream(), "CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
                    while (!(info = readLine(s.getInputStream())).contains(peer)) {
                        if (info.startsWith("PING")) {
                            write(s.getOutputStream(), "PONG\r\n");
                        }
                    }
                }
                add(out, "node B: client port open -> client learns node A", System.nanoTime() - open);
            }
        } finally {
            ProcessServerTarget.stop(b);
            ProcessServerTarget.stop(a);
        }
    }

    private Process start(List<String> program, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        if (serverCpu != null) {
            command.addAll(List.of("taskset", "-c", serverCpu));
        }
        command.addAll(program);
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Connects as soon as the port accepts: a refused connect costs microseconds, so it is retried at once. */
    private static Socket connectWhenOpen(int port, long since, Process p) throws IOException {
        while (System.nanoTime() - since < GIVE_UP_NANOS) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                s.setSoTimeout(30_000);
                return s;
            } catch (ConnectException notYet) {
                s.close();
                if (!p.isAlive()) {
                    throw new IOException("the server exited with " + p.exitValue() + " before listening");
                }
                Thread.onSpinWait();
            }
        }
        throw new IOException("port " + port + " not open after 30 s");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        throw new IOException("closed after: " + line);
    }

    private static void expect(InputStream in, String wanted) throws IOException {
        String line;
        while (!(line = readLine(in)).startsWith(wanted)) {
            if (line.startsWith("-ERR")) {
                throw new IOException(line);
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void add(Map<String, List<Double>> out, String metric, long nanos) {
        out.computeIfAbsent(metric, m -> new ArrayList<>()).add(nanos / 1e6);
    }

    private void print(Map<String, Map<String, List<Double>>> figures) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-50s  %-22s  %-22s  %-22s%n", "ms: median (min-max)", "natsboot",
                "natsboot + CDS", "nats-server");
        Map<String, List<Double>> nb = figures.get("natsboot");
        Map<String, List<Double>> cds = figures.getOrDefault("natsboot + CDS", Map.of());
        Map<String, List<Double>> ns = figures.getOrDefault("nats-server", Map.of());
        for (String metric : nb.keySet()) {
            System.out.printf(Locale.ROOT, "%-50s  %-22s  %-22s  %-22s%n", metric, summary(nb.get(metric)),
                    summary(cds.get(metric)), summary(ns.get(metric)));
        }
    }

    private static String summary(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = values.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
