package io.natsboot.server.hardening;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node, many hostile raw sockets of every kind in {@link HostileKind} (reconnecting as they are cut), and a few
 * jnats clients exchanging numbered messages meanwhile: plain pub/sub, a queue group and request/reply. The good
 * clients must get every message exactly once and in order, never be disconnected, and the node's memory must stay
 * within a bound derived from its limits. Afterwards the node still takes clients and /connz lists the hostile
 * closes with their reasons.
 *
 * <p>Runs {@value #DEFAULT_SECONDS} s with {@value #DEFAULT_HOSTILE} hostile sockets at a time; longer with
 * {@code -Dnatsboot.soak.seconds=600 -Dnatsboot.soak.hostile=200}.
 */
class HostileSoakTest {

    private static final int DEFAULT_SECONDS = 20;
    private static final int DEFAULT_HOSTILE = 60;
    private static final long SECONDS = Long.getLong("natsboot.soak.seconds", DEFAULT_SECONDS);
    private static final int HOSTILE = Integer.getInteger("natsboot.soak.hostile", DEFAULT_HOSTILE);

    static final int MAX_PENDING = 256 * 1024;
    static final int MAX_PAYLOAD = 64 * 1024;
    static final int MAX_CONTROL_LINE = 1024;
    static final int MAX_SUBS = 50;

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Stream messages are padded so that a subscriber that stops reading falls behind within seconds. */
    private static final int STREAM_PADDING = 500;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void goodClientsLoseNothingWhileHostileOnesAreCut() throws Exception {
        try (NatsServer server = TestServers.start(o -> o.setHttpPort(0).setMaxPending(MAX_PENDING)
                .setMaxPayload(MAX_PAYLOAD).setMaxControlLine(MAX_CONTROL_LINE).setMaxSubscriptions(MAX_SUBS)
                .setPingInterval(Duration.ofSeconds(1)).setPingMax(2).setWriteDeadline(Duration.ofSeconds(2)))) {
            MemoryProbe memory = new MemoryProbe();
            memory.baseline();
            AtomicInteger disconnects = new AtomicInteger();
            List<Connection> good = new ArrayList<>();
            ExecutorService pool = Executors.newCachedThreadPool();
            Hostiles hostiles = new Hostiles(server.port());
            try {
                Connection streamSub = connect(server, disconnects, good);
                Connection streamPub = connect(server, disconnects, good);
                Connection worker1 = connect(server, disconnects, good);
                Connection worker2 = connect(server, disconnects, good);
                Connection queuePub = connect(server, disconnects, good);
                Connection responder = connect(server, disconnects, good);
                Connection requester = connect(server, disconnects, good);

                List<Integer> stream = new CopyOnWriteArrayList<>();
                streamSub.createDispatcher(m -> stream.add(seq(m))).subscribe("good.stream");
                List<Integer> queue1 = new CopyOnWriteArrayList<>();
                List<Integer> queue2 = new CopyOnWriteArrayList<>();
                worker1.createDispatcher(m -> queue1.add(seq(m))).subscribe("good.queue", "workers");
                worker2.createDispatcher(m -> queue2.add(seq(m))).subscribe("good.queue", "workers");
                Dispatcher echo = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
                echo.subscribe("good.echo");
                for (Connection c : good) {
                    c.flush(WAIT);
                }

                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger streamSent = new AtomicInteger();
                AtomicInteger queueSent = new AtomicInteger();
                AtomicInteger requests = new AtomicInteger();
                AtomicLong slowestRequest = new AtomicLong();
                List<Future<?>> goodWork = List.of(
                        pool.submit(() -> publish(streamPub, "good.stream", STREAM_PADDING, streamSent, stop)),
                        pool.submit(() -> publish(queuePub, "good.queue", 0, queueSent, stop)),
                        pool.submit(() -> request(requester, requests, slowestRequest, stop)));
                LoopLagProbe lag = new LoopLagProbe(server.clients().stream().map(c -> c.channel().eventLoop())
                        .toList());
                hostiles.start(pool, HOSTILE);

                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
                while (System.nanoTime() < end) {
                    memory.sample();
                    TimeUnit.MILLISECONDS.sleep(1000);
                }
                stop.set(true);
                for (Future<?> f : goodWork) {
                    f.get(60, TimeUnit.SECONDS);
                }
                hostiles.stop();
                memory.sample();
                lag.close();

                // the figures first, so that a failing run still reports them
                Map<String, Long> reasons = ClosedReasons.all(server.httpPort()).stream()
                        .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
                long bound = directBound(HOSTILE + good.size());
                System.out.printf("hostile soak: %d s, %d hostile sockets at a time, %d hostile connections (%s),"
                                + " good: %d stream + %d queue messages, %d requests (slowest %d ms,"
                                + " event loop lag up to %d ms); closed reasons %s; peak direct %d KiB (bound %d KiB),"
                                + " peak heap after GC +%d KiB over %d KiB%n",
                        SECONDS, HOSTILE, hostiles.total(), hostiles.counts, streamSent.get(), queueSent.get(),
                        requests.get(), slowestRequest.get() / 1_000_000, lag.worstMillis(), reasons,
                        memory.peakDirect / 1024, bound / 1024, (memory.peakHeap - memory.baselineHeap) / 1024,
                        memory.baselineHeap / 1024);

                await().atMost(WAIT).until(() -> stream.size() >= streamSent.get()
                        && queue1.size() + queue2.size() >= queueSent.get());
                assertThat(stream).as("stream: every message once, in order")
                        .isEqualTo(IntStream.range(0, streamSent.get()).boxed().toList());
                assertThat(queue1).as("queue member 1 in order").isSorted();
                assertThat(queue2).as("queue member 2 in order").isSorted();
                List<Integer> both = new ArrayList<>(queue1);
                both.addAll(queue2);
                assertThat(both).as("queue group: every message to exactly one member")
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, queueSent.get()).boxed().toList());
                assertThat(disconnects.get()).as("good clients disconnected").isZero();
                assertThat(hostiles.unexpected).as("hostile clients treated otherwise than expected").isEmpty();

                // the node still serves: a new client gets through, and only the good clients are left
                try (Connection late = Nats.connect(options(server).build())) {
                    assertThat(late.RTT()).isLessThan(WAIT);
                }
                await().atMost(WAIT).until(() -> server.clients().size() == good.size());

                assertThat(reasons.keySet()).as("closed reasons in /connz").containsAll(Set.of(
                        "Protocol Violation", "Parse Error", "Maximum Control Line Exceeded",
                        "Maximum Message Payload Exceeded", "Stale Connection", "Slow Consumer (Pending Bytes)",
                        "Client Closed"));
                assertThat(reasons.keySet()).as("closed reasons in /connz").isSubsetOf(Set.of(
                        "Protocol Violation", "Parse Error", "Maximum Control Line Exceeded",
                        "Maximum Message Payload Exceeded", "Stale Connection", "Slow Consumer (Pending Bytes)",
                        "Slow Consumer (Write Deadline)", "Client Closed", "Read Error"));

                assertThat(memory.peakDirect).as("direct memory used by the allocator").isLessThan(bound);
                assertThat(memory.peakHeap - memory.baselineHeap).as("heap growth after GC")
                        .isLessThan(256L * 1024 * 1024);
            } finally {
                hostiles.stop();
                for (Connection c : good) {
                    c.close();
                }
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The worst the node may hold in direct memory: for every connection a full outbound queue (max_pending) and an
     * inbound message being read (max_payload plus a control line), plus a fixed allowance for the allocator's chunks
     * and caches. Tight on purpose: with PONGs not counted against max_pending (a bug fixed with this test), three
     * PING flooders alone took the node to about 100 MiB here.
     */
    static long directBound(int connections) {
        return (long) connections * (MAX_PENDING + MAX_PAYLOAD + MAX_CONTROL_LINE) + 32L * 1024 * 1024;
    }

    private static void publish(Connection c, String subject, int padding, AtomicInteger sent, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                for (int i = 0; i < 50; i++) {
                    int n = sent.get();
                    c.publish(subject, (n + " ".repeat(padding)).getBytes(StandardCharsets.US_ASCII));
                    sent.incrementAndGet();
                }
                c.flush(WAIT);
                TimeUnit.MILLISECONDS.sleep(5); // pacing, so the good traffic leaves the hostile ones some CPU
            }
        } catch (Exception e) {
            throw new IllegalStateException(subject + " publisher failed", e);
        }
    }

    private static void request(Connection c, AtomicInteger done, AtomicLong slowestNanos, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                byte[] body = Integer.toString(done.get()).getBytes(StandardCharsets.US_ASCII);
                long start = System.nanoTime();
                Message reply = c.request("good.echo", body, WAIT);
                slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                assertThat(reply).as("reply to request " + done.get()).isNotNull();
                assertThat(reply.getData()).isEqualTo(body);
                done.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int seq(Message m) {
        return Integer.parseInt(new String(m.getData(), StandardCharsets.US_ASCII).trim());
    }

    private static Options.Builder options(NatsServer server) {
        return new Options.Builder().server(server.clientUrl()).connectionTimeout(WAIT);
    }

    private static Connection connect(NatsServer server, AtomicInteger disconnects, Collection<Connection> all)
            throws Exception {
        Connection c = Nats.connect(options(server).connectionListener((conn, event) -> {
            if (event == ConnectionListener.Events.DISCONNECTED) {
                disconnects.incrementAndGet();
            }
        }).build());
        all.add(c);
        return c;
    }

    /** The hostile sockets: one thread per socket, each playing one kind again and again until stopped. */
    private static final class Hostiles {

        private final int port;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Set<RawClient> open = ConcurrentHashMap.newKeySet();
        private final List<Future<?>> workers = new ArrayList<>();
        final Map<HostileKind, AtomicLong> counts = new ConcurrentHashMap<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();

        Hostiles(int port) {
            this.port = port;
        }

        void start(ExecutorService pool, int n) {
            HostileKind[] kinds = HostileKind.values();
            for (int i = 0; i < n; i++) {
                HostileKind kind = kinds[i % kinds.length];
                Random random = new Random(i);
                workers.add(pool.submit(() -> loop(kind, random)));
            }
        }

        private void loop(HostileKind kind, Random random) {
            while (!stop.get()) {
                try (RawClient w = RawClient.connect(port, kind.receiveBuffer())
                        .keepingAtMost(RawClient.FLOOD_KEPT_BYTES)) {
                    open.add(w);
                    counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    String problem = kind.play(w, random, stop);
                    if (problem != null && !stop.get()) {
                        unexpected.add(kind + ": " + problem);
                    }
                    open.remove(w);
                } catch (Exception e) {
                    if (!stop.get()) {
                        unexpected.add(kind + ": " + e);
                    }
                }
            }
        }

        long total() {
            return counts.values().stream().mapToLong(AtomicLong::get).sum();
        }

        /** Stops the loops; closing the sockets also frees a thread stuck writing to a node that stopped reading. */
        void stop() throws Exception {
            if (stop.getAndSet(true)) {
                return;
            }
            open.forEach(RawClient::close);
            for (Future<?> f : workers) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    open.forEach(RawClient::close);
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
