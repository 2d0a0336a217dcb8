package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's end under load, natsboot's standalone jar beside the official nats-server: a two-node cluster of each,
 * a jnats publisher on node A at 5,000 msg/s (reconnecting), a subscriber on node B; node A is sent SIGTERM (or
 * SIGUSR2, lame duck mode) mid-stream. Per run: the messages published after the signal that never reached B, the
 * time from the signal to A's exit, and from the publisher's disconnect to A's exit (issue 15).
 *
 * <pre>
 * java -cp bench/target/bench.jar io.natsboot.bench.load.RestartBenchmark [--runs 5] [--signal term|ldm]
 *      [--natsboot-jar PATH] [--natsboot-jvm-args "..."]
 * </pre>
 */
public final class RestartBenchmark {

    private static final int RATE_PER_MS = 5;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private record Run(int lostAfterSignal, long signalToExitMillis, long disconnectToExitMillis) {
    }

    private final Map<String, List<String>> programs;
    private final String signal;
    private final int runs;
    private final Path config;

    private RestartBenchmark(Map<String, List<String>> programs, String signal, int runs) throws IOException {
        this.programs = programs;
        this.signal = signal;
        this.runs = runs;
        this.config = Files.createTempFile("natsboot-restart-", ".conf");
        // long enough that lame duck mode's pace, not its end, decides when the clients go
        Files.writeString(config, "lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"1s\"\n");
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        String signal = "term";
        String jar = "nats-server/target/nats-server.jar";
        List<String> jvmArgs = LoadConfig.DEFAULT_NATSBOOT_JVM_ARGS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--signal" -> signal = args[++i];
                case "--natsboot-jar" -> jar = args[++i];
                case "--natsboot-jvm-args" -> jvmArgs = List.of(args[++i].trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--runs N, --signal term|ldm, --natsboot-jar PATH, --natsboot-jvm-args \"...\")");
            }
        }
        if (!signal.equals("term") && !signal.equals("ldm")) {
            throw new IllegalArgumentException("--signal is term (SIGTERM) or ldm (SIGUSR2, lame duck mode)");
        }
        Path natsbootJar = Targets.findJar(jar);
        if (natsbootJar == null) {
            throw new IllegalStateException("no natsboot jar at " + jar
                    + " (build it: mvn -B -q -pl nats-server,bench -am -DskipTests package)");
        }
        List<String> natsbootArgs = new ArrayList<>(jvmArgs);
        Path archive = natsbootJar.resolveSibling("nats-server.jsa");
        if (Files.isRegularFile(archive)) {
            natsbootArgs.add("-XX:SharedArchiveFile=" + archive);
        }
        Map<String, List<String>> programs = new LinkedHashMap<>();
        programs.put("natsboot", ProcessServerTarget.javaJar(natsbootJar, natsbootArgs));
        Path binary = Targets.onPath("nats-server");
        if (binary != null) {
            programs.put("nats-server", List.of(binary.toString()));
        }
        new RestartBenchmark(programs, signal, runs).run();
    }

    private void run() throws Exception {
        System.out.println("natsboot restart: SIG" + (signal.equals("ldm") ? "USR2 (lame duck mode)" : "TERM")
                + " to node A of a 2-node cluster, publisher on A at " + RATE_PER_MS * 1000 + " msg/s, subscriber on B, "
                + runs + " runs");
        programs.forEach((name, program) -> System.out.println(String.format(Locale.ROOT, "%-11s: %s", name,
                String.join(" ", program))));
        Map<String, List<Run>> results = new LinkedHashMap<>();
        try {
            for (int r = 0; r < runs; r++) {
                for (Map.Entry<String, List<String>> p : programs.entrySet()) {
                    results.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(once(p.getValue()));
                }
            }
        } finally {
            Files.deleteIfExists(config);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s  %-28s  %-22s  %-22s%n", "", "lost after the signal", "signal -> exit (ms)",
                "disconnect -> exit (ms)");
        results.forEach((name, list) -> System.out.printf(Locale.ROOT, "%-12s  %-28s  %-22s  %-22s%n", name,
                join(list.stream().mapToLong(Run::lostAfterSignal).boxed().toList()),
                range(list.stream().mapToLong(Run::signalToExitMillis).boxed().toList()),
                range(list.stream().mapToLong(Run::disconnectToExitMillis).boxed().toList())));
    }

    private Run once(List<String> program) throws Exception {
        int portA = ProcessServerTarget.freePort();
        int clusterA = ProcessServerTarget.freePort();
        int portB = ProcessServerTarget.freePort();
        Process a = start(program, portA, clusterA, "A", null);
        Process b = start(program, portB, ProcessServerTarget.freePort(), "B", clusterA);
        try (Connection subscriber = connect(portB, null)) {
            awaitOpen(portA);
            BitSet received = new BitSet();
            AtomicInteger probes = new AtomicInteger();
            Dispatcher d = subscriber.createDispatcher(m -> {
                String text = new String(m.getData(), StandardCharsets.US_ASCII);
                if (text.equals("probe")) {
                    probes.incrementAndGet();
                } else {
                    synchronized (received) {
                        received.set(Integer.parseInt(text));
                    }
                }
            });
            d.subscribe("restart.s");
            subscriber.flush(WAIT);
            AtomicLong disconnectedAt = new AtomicLong();
            try (Connection publisher = connect(portA, disconnectedAt)) {
                // the route carries messages, and the publisher knows node B to reconnect to
                long until = System.nanoTime() + WAIT.toNanos();
                while ((probes.get() == 0 || publisher.getServers().size() < 2) && System.nanoTime() < until) {
                    publisher.publish("restart.s", "probe".getBytes(StandardCharsets.US_ASCII));
                    publisher.flush(WAIT);
                    Thread.sleep(20);
                }
                AtomicBoolean publishing = new AtomicBoolean(true);
                AtomicInteger published = new AtomicInteger();
                Thread load = new Thread(() -> publish(publisher, publishing, published), "restart-publisher");
                load.start();
                Thread.sleep(1000);
                int atSignal = published.get();
                long sent = System.nanoTime();
                new ProcessBuilder("kill", "-s", signal.equals("ldm") ? "USR2" : "TERM", Long.toString(a.pid()))
                        .start().waitFor();
                a.waitFor(60, TimeUnit.SECONDS);
                long exited = System.nanoTime();
                Thread.sleep(2000);
                publishing.set(false);
                load.join();
                publisher.flush(WAIT);
                Thread.sleep(500);
                int lost;
                synchronized (received) {
                    BitSet missing = new BitSet();
                    missing.set(atSignal + 1, published.get() + 1);
                    missing.andNot(received);
                    lost = missing.cardinality();
                }
                long disconnect = disconnectedAt.get() == 0 ? -1 : (exited - disconnectedAt.get()) / 1_000_000;
                return new Run(lost, (exited - sent) / 1_000_000, disconnect);
            }
        } finally {
            ProcessServerTarget.stop(b);
            ProcessServerTarget.stop(a);
        }
    }

    /** RATE_PER_MS messages every millisecond, numbered from 1, until told to stop. */
    private static void publish(Connection publisher, AtomicBoolean publishing, AtomicInteger published) {
        long next = System.nanoTime();
        try {
            while (publishing.get()) {
                for (int i = 0; i < RATE_PER_MS; i++) {
                    publisher.publish("restart.s",
                            Integer.toString(published.incrementAndGet()).getBytes(StandardCharsets.US_ASCII));
                }
                next += 1_000_000;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process start(List<String> program, int port, int clusterPort, String name, Integer seed)
            throws IOException {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port), "--cluster",
                "nats://127.0.0.1:" + clusterPort, "--cluster_name", "restart", "-n", name, "-c", config.toString()));
        if (seed != null) {
            command.addAll(List.of("--routes", "nats-route://127.0.0.1:" + seed));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static Connection connect(int port, AtomicLong disconnectedAt) throws Exception {
        awaitOpen(port);
        Options.Builder b = new Options.Builder().server("nats://127.0.0.1:" + port).connectionTimeout(WAIT)
                .reconnectWait(Duration.ofMillis(20)).maxReconnects(-1).errorListener(new ErrorListener() {
                    // disconnects are what is measured
                });
        if (disconnectedAt != null) {
            b.connectionListener((c, e) -> {
                if (e == ConnectionListener.Events.DISCONNECTED) {
                    disconnectedAt.compareAndSet(0, System.nanoTime());
                }
            });
        }
        return Nats.connect(b.build());
    }

    private static void awaitOpen(int port) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!ProcessServerTarget.accepts(port)) {
            if (System.nanoTime() > until) {
                throw new IOException("port " + port + " not open after " + WAIT);
            }
            Thread.sleep(10);
        }
    }


    private static String join(List<Long> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    private static String range(List<Long> values) {
        long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        return min + "-" + max;
    }
}
