package io.natsboot.bench.app;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.NatsbootInProcessDataPort;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The application's side of an embedded node: clients in the node's own JVM, as a Spring application's listeners,
 * template and request/reply between its beans are. Each scenario runs over loopback TCP and in-process in the same
 * run, against one embedded {@link NatsServer}, and prints a Markdown table: msgs/s, request/reply p50/p99, and the
 * CPU time of the whole JVM (server and clients together: they are one process) per message.
 *
 * <p>{@code java -cp bench/target/bench.jar io.natsboot.bench.app.AppSideLoad [seconds per case, default 3]}
 */
public final class AppSideLoad {

    private static final int[] SIZES = {16, 1024};
    private static final int FANOUT_SUBSCRIBERS = 4;
    /** Messages a publisher may be ahead of its slowest subscriber: throughput under back-pressure, no drops. */
    private static final long CREDIT = 20_000;

    private final NatsServer server;
    private final Duration duration;
    private final Duration warmup;

    private AppSideLoad(NatsServer server, Duration duration) {
        this.server = server;
        this.duration = duration;
        this.warmup = Duration.ofMillis(Math.max(500, duration.toMillis() / 3));
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
        NatsServer server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0)
                .setServerName("bench-app"));
        server.start();
        try {
            AppSideLoad load = new AppSideLoad(server, duration);
            List<String> rows = new ArrayList<>();
            for (String scenario : List.of("pubsub", "fanout", "reqreply-1", "reqreply-32")) {
                for (int size : SIZES) {
                    Result tcp = load.run(scenario, size, false);
                    Result inProcess = load.run(scenario, size, true);
                    rows.add(row(scenario, size, tcp, inProcess));
                    System.err.println(rows.get(rows.size() - 1));
                }
            }
            System.out.println("| Scenario | Size | TCP msgs/s | in-process msgs/s | × | TCP p50/p99 µs"
                    + " | in-process p50/p99 µs | TCP CPU µs/msg | in-process CPU µs/msg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println(Runtime.getRuntime().availableProcessors() + " CPUs, " + duration.toSeconds()
                    + " s per case after " + load.warmup.toMillis() + " ms warm-up, Java "
                    + System.getProperty("java.version"));
        } finally {
            server.close();
        }
    }

    private static String row(String scenario, int size, Result tcp, Result in) {
        return String.format(Locale.ROOT, "| %s | %d B | %,.0f | %,.0f | %.2f | %s | %s | %.2f | %.2f |", scenario, size,
                tcp.rate, in.rate, in.rate / tcp.rate, tcp.latency(), in.latency(), tcp.cpuMicrosPerMsg,
                in.cpuMicrosPerMsg);
    }

    private Connection connect(boolean inProcess, String name) throws Exception {
        Options.Builder b = new Options.Builder().connectionName(name).noEcho().maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).bufferSize(256 * 1024);
        b = inProcess ? NatsbootInProcessDataPort.configure(b, server.inProcessUrl()) : b.server(server.clientUrl());
        return Nats.connect(b.build());
    }

    private Result run(String scenario, int size, boolean inProcess) throws Exception {
        return switch (scenario) {
            case "pubsub" -> delivery(size, inProcess, 1);
            case "fanout" -> delivery(size, inProcess, FANOUT_SUBSCRIBERS);
            case "reqreply-1" -> requestReply(size, inProcess, 1);
            case "reqreply-32" -> requestReply(size, inProcess, 32);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    private Result delivery(int size, boolean inProcess, int subscribers) throws Exception {
        List<Connection> subs = new ArrayList<>();
        AtomicLong[] received = new AtomicLong[subscribers];
        try (Connection pub = connect(inProcess, "pub")) {
            for (int i = 0; i < subscribers; i++) {
                Connection c = connect(inProcess, "sub" + i);
                subs.add(c);
                AtomicLong count = new AtomicLong();
                received[i] = count;
                c.createDispatcher(m -> count.incrementAndGet()).subscribe("load");
                c.flush(Duration.ofSeconds(5));
            }
            byte[] payload = new byte[size];
            long sent = 0;
            long end = System.nanoTime() + warmup.toNanos();
            sent = publishUntil(pub, payload, received, sent, end);
            long startCount = min(received);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            sent = publishUntil(pub, payload, received, sent, t0 + duration.toNanos());
            long t1 = System.nanoTime();
            long delivered = (min(received) - startCount) * subscribers;
            long cpu = cpuNanos() - cpu0;
            return new Result(delivered / ((t1 - t0) / 1e9), cpu / 1e3 / Math.max(1, delivered), null);
        } finally {
            for (Connection c : subs) {
                c.close();
            }
        }
    }

    private static long publishUntil(Connection pub, byte[] payload, AtomicLong[] received, long sent, long end)
            throws InterruptedException {
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                pub.publish("load", payload);
            }
            sent += 1000;
            while (sent - min(received) > CREDIT) {
                // parked, not spinning: on a 2-core machine a spinning publisher takes a core from the server
                LockSupport.parkNanos(20_000);
                if (System.nanoTime() > end + TimeUnit.SECONDS.toNanos(10)) {
                    throw new IllegalStateException("subscribers stopped receiving");
                }
            }
        }
        return sent;
    }

    private static long min(AtomicLong[] counts) {
        long m = Long.MAX_VALUE;
        for (AtomicLong c : counts) {
            m = Math.min(m, c.get());
        }
        return m;
    }

    private Result requestReply(int size, boolean inProcess, int inFlight) throws Exception {
        try (Connection responder = connect(inProcess, "responder");
             Connection requester = connect(inProcess, "requester")) {
            byte[] reply = new byte[size];
            Dispatcher d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), reply));
            d.subscribe("service");
            responder.flush(Duration.ofSeconds(5));
            byte[] payload = new byte[size];
            requests(requester, payload, inFlight, System.nanoTime() + warmup.toNanos(), null);
            Latencies latencies = new Latencies();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            long done = requests(requester, payload, inFlight, t0 + duration.toNanos(), latencies);
            long t1 = System.nanoTime();
            long cpu = cpuNanos() - cpu0;
            return new Result(done / ((t1 - t0) / 1e9), cpu / 1e3 / Math.max(1, done), latencies);
        }
    }

    private static long requests(Connection requester, byte[] payload, int inFlight, long end, Latencies latencies)
            throws Exception {
        Semaphore window = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        while (System.nanoTime() < end) {
            window.acquire();
            long start = System.nanoTime();
            CompletableFuture<Message> f = requester.requestWithTimeout("service", payload, Duration.ofSeconds(10));
            f.whenComplete((m, e) -> {
                if (e == null) {
                    if (latencies != null) {
                        latencies.add(System.nanoTime() - start);
                    }
                    done.incrementAndGet();
                }
                window.release();
            });
        }
        window.acquire(inFlight);
        return done.get();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Result(double rate, double cpuMicrosPerMsg, Latencies latencies) {
        String latency() {
            return latencies == null ? "–" : latencies.p50p99();
        }
    }

    /** Every request's round trip in ns; sorted once at the end. */
    private static final class Latencies {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized String p50p99() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return size == 0 ? "–" : String.format(Locale.ROOT, "%.0f / %.0f", sorted[size / 2] / 1e3,
                    sorted[Math.min(size - 1, (int) (size * 0.99))] / 1e3);
        }
    }
}
