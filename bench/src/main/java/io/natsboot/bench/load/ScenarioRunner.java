package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.Subscription;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/** Runs one scenario once, with one payload size, against one server URL, on fresh connections. */
final class ScenarioRunner {

    private static final VarHandle LONG_IN_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** How often (in messages) the publisher looks at the clock, the window and the failure flag. */
    private static final int CHECK_MASK = 63;
    private static final int MAX_CONSECUTIVE_REQUEST_FAILURES = 3;
    /** How long to wait for the tail of a run that already stalled or failed. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final LoadConfig config;

    ScenarioRunner(LoadConfig config) {
        this.config = config;
    }

    /** How long a run lasts: a message count (> 0) or a duration. */
    record Limits(long messages, long durationNanos) {

        static Limits measured(LoadConfig c) {
            return new Limits(c.countMode() ? c.messages : -1, c.duration.toNanos());
        }

        static Limits warmup(LoadConfig c) {
            return new Limits(-1, c.warmup.toNanos());
        }

        boolean counted() {
            return messages > 0;
        }
    }

    RunResult run(Scenario scenario, String target, String url, int size, Limits limits) {
        return run(scenario, target, url, url, size, limits);
    }

    /**
     * @param url  the server (for a cluster scenario node A: the publisher's)
     * @param peer node B of the cluster for a cluster scenario (subscribers), otherwise ignored
     */
    RunResult run(Scenario scenario, String target, String url, String peer, int size, Limits limits) {
        RunResult r = new RunResult(scenario, size, target);
        ClientEvents events = new ClientEvents(config);
        try {
            switch (scenario) {
                case PUB -> publishOnly(r, events, url, size, limits);
                case PUBSUB -> delivery(r, events, url, i -> url, size, limits, 1, false);
                case FANOUT -> delivery(r, events, url, i -> url, size, limits, config.fanoutSubscribers, false);
                case QUEUE -> delivery(r, events, url, i -> url, size, limits, config.queueSubscribers, true);
                case CLUSTER_PUBSUB -> delivery(r, events, url, i -> peer, size, limits, 1, false);
                // Members alternate between the nodes: B, A, B, A... (2 on each with the default 4).
                case CLUSTER_QUEUE -> delivery(r, events, url, i -> i % 2 == 0 ? peer : url, size, limits,
                        config.queueSubscribers, true);
                case REQREPLY -> requestReply(r, events, url, size, limits);
                case REQREPLY_ASYNC -> requestReplyInFlight(r, events, url, size, limits);
                default -> throw new IllegalStateException(scenario.toString());
            }
            events.report(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.failure = "interrupted";
        } catch (Exception e) {
            r.failure = describe(e);
        } finally {
            events.close();
        }
        if (r.failure == null && r.metrics.isEmpty()) {
            r.failure = r.notes.isEmpty() ? "no figure" : String.join("; ", r.notes);
        }
        return r;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // publish-only

    private void publishOnly(RunResult r, ClientEvents events, String url, int size, Limits limits) throws Exception {
        Connection pub = events.connect(url, "pub");
        String subject = subject(r.scenario);
        PublishOutcome out = publish(pub, subject, size, limits, false, null, events);
        r.seconds = seconds(out.endNanos - out.startNanos);
        r.details.put("published", out.published);
        r.details.put("seconds", r.seconds);
        out.addNotes(r);
        if (out.published > 0 && r.seconds > 0) {
            r.add(Metric.rate("msg/s", out.published / r.seconds, size));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // pub -> sub, fan-out, queue group

    private void delivery(RunResult r, ClientEvents events, String url, IntFunction<String> subUrl, int size,
                          Limits limits, int subscribers, boolean queueGroup) throws Exception {
        String subject = subject(r.scenario);
        boolean trackSequence = queueGroup && size >= Long.BYTES;
        Receiver[] receivers = new Receiver[subscribers];
        List<Subscription> remoteProbes = new ArrayList<>();
        List<String> remoteNodes = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            String su = subUrl.apply(i);
            Connection c = events.connect(su, "sub" + i);
            remoteNodes.add(su.equals(url) ? "A" : "B");
            receivers[i] = new Receiver(trackSequence);
            Dispatcher d = c.createDispatcher(receivers[i]);
            long limitMsgs = Math.max(512L * 1024, 4L * config.window);
            long limitBytes = Math.max(64L * 1024 * 1024, 4L * config.window * (size + 128L));
            d.setPendingLimits(limitMsgs, limitBytes);
            receivers[i].dispatcher = d;
            if (queueGroup) {
                d.subscribe(subject, "bench-q");
            } else {
                d.subscribe(subject);
            }
            if (!su.equals(url)) {
                // A subscription on the other node is known to the publisher's node once a message published
                // there after it reaches this connection (interest travels over the route in order).
                remoteProbes.add(c.subscribe(subject + ".ready" + i));
            }
            // The server has registered the subscription once it answers the PING that follows it.
            c.flush(config.stallTimeout);
        }
        Connection pub = events.connect(url, "pub");
        for (Subscription probe : remoteProbes) {
            if (!ClusterTarget.awaitProbe(pub, probe, probe.getSubject(), config.stallTimeout)) {
                throw new IllegalStateException("subscription on node B not visible on node A within "
                        + LoadConfig.secondsText(config.stallTimeout) + " s");
            }
        }
        if (!remoteProbes.isEmpty() && subscribers > 1) {
            r.details.put("subscriberNodes", remoteNodes);
        }

        LongSupplier progress = queueGroup ? () -> sum(receivers) : () -> min(receivers);
        PublishOutcome out = publish(pub, subject, size, limits, trackSequence, progress, events);
        long perTarget = out.published; // each subscriber must see all of them, or the group all of them in total
        long expected = queueGroup ? out.published : out.published * subscribers;
        String stop = awaitDelivery(progress, perTarget, events,
                out.stopReason == null ? config.stallTimeout : GRACE);

        long delivered = sum(receivers);
        long end = out.startNanos;
        for (Receiver rc : receivers) {
            end = Math.max(end, rc.lastNanos);
        }
        r.seconds = seconds(end - out.startNanos);
        r.details.put("published", out.published);
        r.details.put("expected", expected);
        r.details.put("delivered", delivered);
        r.details.put("seconds", r.seconds);
        r.details.put("publishRate", rate(out.published, out.endNanos - out.startNanos));
        r.details.put("window", config.window(size));
        List<Long> perSubCounts = new ArrayList<>();
        List<Double> perSubRates = new ArrayList<>();
        long dropped = 0;
        for (Receiver rc : receivers) {
            perSubCounts.add(rc.count);
            perSubRates.add(rate(rc.count, rc.lastNanos - out.startNanos));
            dropped += rc.dispatcher.getDroppedCount();
        }
        if (subscribers > 1) {
            r.details.put("perSubscriberReceived", perSubCounts);
            r.details.put("perSubscriberRate", perSubRates);
        }
        r.details.put("droppedByClient", dropped);
        out.addNotes(r);
        if (dropped > 0) {
            r.note("dropped by subscriber pending limits: " + dropped);
        }
        if (delivered < expected) {
            r.partial = true;
            r.note(String.format(Locale.ROOT, "partial: received %,d of %,d%s", delivered, expected,
                    stop == null ? "" : " (" + stop + ")"));
        }
        if (delivered > expected) {
            r.partial = true;
            r.note(String.format(Locale.ROOT, "received %,d messages more than published", delivered - expected));
        }
        if (queueGroup) {
            checkExactlyOnce(r, receivers, out.published, trackSequence);
        }
        if (delivered > 0 && r.seconds > 0) {
            r.add(Metric.rate(subscribers > 1 && !queueGroup ? "msg/s delivered" : "msg/s", delivered / r.seconds,
                    size));
            if (subscribers > 1 && !queueGroup) {
                double avg = perSubRates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                r.add(Metric.rate("msg/s per sub", avg, size));
            }
        }
    }

    private static void checkExactlyOnce(RunResult r, Receiver[] receivers, long published, boolean tracked) {
        if (!tracked) {
            r.note("payload < 8 bytes: exactly-once not checked");
            return;
        }
        BitSet union = new BitSet();
        long duplicates = 0;
        long total = 0;
        for (Receiver rc : receivers) {
            duplicates += rc.duplicates;
            total += rc.seen.cardinality();
            union.or(rc.seen);
        }
        duplicates += total - union.cardinality();
        long missing = published - union.cardinality();
        r.details.put("duplicates", duplicates);
        r.details.put("missing", missing);
        if (duplicates > 0) {
            r.partial = true;
            r.note("EXACTLY-ONCE VIOLATED: " + duplicates + " duplicate deliveries");
        }
        if (missing > 0 && !r.partial) {
            r.partial = true;
            r.note("missing: " + missing);
        }
    }

    /** Waits until {@code progress} reaches {@code target}; returns why it stopped early, or null. */
    private String awaitDelivery(LongSupplier progress, long target, ClientEvents events, Duration stall)
            throws InterruptedException {
        long stallNanos = stall.toNanos();
        long hardDeadline = System.nanoTime() + config.runTimeout.toNanos();
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long p = progress.getAsLong();
            if (p >= target) {
                return null;
            }
            long now = System.nanoTime();
            if (p != last) {
                last = p;
                lastChange = now;
            } else if (now - lastChange > stallNanos) {
                return "no message for " + LoadConfig.secondsText(stall) + " s";
            }
            if (now - hardDeadline > 0) {
                return "run timeout";
            }
            String f = events.failure();
            if (f != null) {
                return f;
            }
            Thread.sleep(1);
        }
    }

    /** Counts what one subscription receives; runs on its dispatcher's thread only. */
    static final class Receiver implements MessageHandler {
        volatile long count;
        volatile long lastNanos;
        final BitSet seen;
        long duplicates;
        Dispatcher dispatcher;

        Receiver(boolean trackSequence) {
            this.seen = trackSequence ? new BitSet() : null;
        }

        @Override
        public void onMessage(Message msg) {
            long now = System.nanoTime();
            if (seen != null) {
                byte[] data = msg.getData();
                if (data != null && data.length >= Long.BYTES) {
                    int seq = (int) (long) LONG_IN_BYTES.get(data, 0);
                    if (seen.get(seq)) {
                        duplicates++;
                    } else {
                        seen.set(seq);
                    }
                }
            }
            lastNanos = now;
            count = count + 1; // single writer: this dispatcher's thread
        }
    }

    private static long sum(Receiver[] rs) {
        long s = 0;
        for (Receiver r : rs) {
            s += r.count;
        }
        return s;
    }

    private static long min(Receiver[] rs) {
        long m = Long.MAX_VALUE;
        for (Receiver r : rs) {
            m = Math.min(m, r.count);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the publisher shared by the first four scenarios

    static final class PublishOutcome {
        long published;
        long startNanos;
        /** After the server acknowledged the flush (or gave up waiting for it). */
        long endNanos;
        String stopReason;
        boolean flushTimedOut;

        void addNotes(RunResult r) {
            if (stopReason != null) {
                r.partial = true;
                r.note("publishing stopped early: " + stopReason);
            }
            if (flushTimedOut) {
                r.partial = true;
                r.note("flush not acknowledged in time");
            }
        }
    }

    /**
     * Publishes as fast as the connection takes messages, bounded by the limits and, when {@code progress} is given,
     * by the window: never more than {@code --window} messages ahead of what the subscribers have received. Ends
     * with a flush, so the end time is when the server has read everything.
     */
    private PublishOutcome publish(Connection pub, String subject, int size, Limits limits, boolean stampSequence,
                                   LongSupplier progress, ClientEvents events) throws InterruptedException {
        byte[] template = payload(size);
        int window = progress == null ? 0 : config.window(size);
        long count = limits.counted() ? limits.messages : Long.MAX_VALUE;
        PublishOutcome out = new PublishOutcome();
        long n = 0;
        long start = System.nanoTime();
        long deadline = limits.counted() ? Long.MAX_VALUE : start + limits.durationNanos;
        long hardDeadline = start + config.runTimeout.toNanos();
        out.startNanos = start;
        while (n < count) {
            if ((n & CHECK_MASK) == 0) {
                long now = System.nanoTime();
                if (!limits.counted() && now - deadline >= 0) {
                    break;
                }
                if (now - hardDeadline >= 0) {
                    out.stopReason = "run timeout";
                    break;
                }
                String f = events.failure();
                if (f != null) {
                    out.stopReason = f;
                    break;
                }
                if (window > 0 && n - progress.getAsLong() >= window) {
                    String why = awaitWindow(n, window, progress, events, hardDeadline);
                    if (why != null) {
                        out.stopReason = why;
                        break;
                    }
                }
            }
            byte[] data = template;
            if (stampSequence) {
                // jnats keeps a reference to the array until it is written, so a numbered message needs its own.
                data = template.clone();
                LONG_IN_BYTES.set(data, 0, n);
            }
            try {
                pub.publish(subject, data);
            } catch (IllegalStateException e) {
                out.stopReason = "publish refused: " + e.getMessage();
                break;
            }
            n++;
        }
        out.published = n;
        try {
            // After a stall the flush is unlikely to be answered; do not make the run wait for it twice.
            pub.flush(out.stopReason == null ? config.stallTimeout : GRACE);
        } catch (TimeoutException e) {
            out.flushTimedOut = true;
        } catch (IllegalStateException e) {
            out.stopReason = out.stopReason != null ? out.stopReason : "flush failed: " + e.getMessage();
        }
        out.endNanos = System.nanoTime();
        return out;
    }

    private String awaitWindow(long published, int window, LongSupplier progress, ClientEvents events,
                               long hardDeadline) {
        long last = progress.getAsLong();
        long lastChange = System.nanoTime();
        long stall = config.stallTimeout.toNanos();
        while (published - last >= window) {
            LockSupport.parkNanos(20_000);
            long now = System.nanoTime();
            long p = progress.getAsLong();
            if (p != last) {
                last = p;
                lastChange = now;
            } else if (now - lastChange > stall) {
                return "subscribers received nothing for " + LoadConfig.secondsText(config.stallTimeout) + " s";
            }
            if (now - hardDeadline >= 0) {
                return "run timeout";
            }
            String f = events.failure();
            if (f != null) {
                return f;
            }
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // request / reply

    private Connection startResponder(ClientEvents events, String url, String subject) throws Exception {
        Connection resp = events.connect(url, "responder");
        Dispatcher d = resp.createDispatcher(m -> {
            if (m.getReplyTo() != null) {
                resp.publish(m.getReplyTo(), m.getData());
            }
        });
        d.subscribe(subject);
        resp.flush(config.stallTimeout);
        return resp;
    }

    private Duration requestTimeout() {
        Duration fiveSeconds = Duration.ofSeconds(5);
        return config.stallTimeout.compareTo(fiveSeconds) < 0 ? config.stallTimeout : fiveSeconds;
    }

    private void requestReply(RunResult r, ClientEvents events, String url, int size, Limits limits)
            throws Exception {
        String subject = subject(r.scenario);
        startResponder(events, url, subject);
        Connection req = events.connect(url, "requester");
        byte[] payload = payload(size);
        Duration timeout = requestTimeout();
        // The first request sets up the client's reply subscription; keep it out of the figures.
        if (req.request(subject, payload, timeout) == null) {
            throw new IllegalStateException("no reply to the first request within " + timeout.toMillis() + " ms");
        }
        LatencyHistogram hist = new LatencyHistogram();
        long count = limits.counted() ? limits.messages : Long.MAX_VALUE;
        long start = System.nanoTime();
        long deadline = limits.counted() ? Long.MAX_VALUE : start + limits.durationNanos;
        long hardDeadline = start + config.runTimeout.toNanos();
        long sent = 0;
        long failed = 0;
        int consecutiveFailures = 0;
        String stop = null;
        long end = start;
        while (sent < count) {
            long t0 = System.nanoTime();
            if (!limits.counted() && t0 - deadline >= 0) {
                break;
            }
            if (t0 - hardDeadline >= 0) {
                stop = "run timeout";
                break;
            }
            if (events.failure() != null) {
                stop = events.failure();
                break;
            }
            Message reply;
            try {
                reply = req.request(subject, payload, timeout);
            } catch (RuntimeException e) {
                reply = null;
            }
            long t1 = System.nanoTime();
            sent++;
            if (reply != null) {
                hist.record(t1 - t0);
                end = t1;
                consecutiveFailures = 0;
            } else {
                failed++;
                if (++consecutiveFailures >= MAX_CONSECUTIVE_REQUEST_FAILURES) {
                    stop = consecutiveFailures + " requests in a row got no reply";
                    break;
                }
            }
        }
        requestFigures(r, hist, sent, failed, start, end, stop);
    }

    private void requestReplyInFlight(RunResult r, ClientEvents events, String url, int size, Limits limits)
            throws Exception {
        String subject = subject(r.scenario);
        startResponder(events, url, subject);
        Connection req = events.connect(url, "requester");
        byte[] payload = payload(size);
        Duration timeout = requestTimeout();
        if (req.request(subject, payload, timeout) == null) {
            throw new IllegalStateException("no reply to the first request within " + timeout.toMillis() + " ms");
        }
        int inflight = config.inflight;
        r.details.put("inflight", inflight);
        LatencyHistogram hist = new LatencyHistogram();
        Semaphore permits = new Semaphore(inflight);
        AtomicLong failed = new AtomicLong();
        AtomicLong lastReply = new AtomicLong();
        long count = limits.counted() ? limits.messages : Long.MAX_VALUE;
        long start = System.nanoTime();
        lastReply.set(start);
        long deadline = limits.counted() ? Long.MAX_VALUE : start + limits.durationNanos;
        long hardDeadline = start + config.runTimeout.toNanos();
        long stallNanos = config.stallTimeout.toNanos();
        long maxFailures = Math.max(MAX_CONSECUTIVE_REQUEST_FAILURES, inflight);
        long sent = 0;
        String stop = null;
        while (sent < count) {
            if (!permits.tryAcquire(stallNanos, TimeUnit.NANOSECONDS)) {
                stop = "no reply for " + LoadConfig.secondsText(config.stallTimeout) + " s";
                break;
            }
            long t0 = System.nanoTime();
            String why = null;
            if (t0 - hardDeadline >= 0) {
                why = "run timeout";
            } else if (events.failure() != null) {
                why = events.failure();
            } else if (failed.get() >= maxFailures) {
                why = failed.get() + " requests got no reply";
            }
            if (why != null || (!limits.counted() && t0 - deadline >= 0)) {
                permits.release();
                stop = why;
                break;
            }
            CompletableFuture<Message> f;
            try {
                f = req.requestWithTimeout(subject, payload, timeout);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                permits.release();
                sent++;
                continue;
            }
            sent++;
            f.whenComplete((m, e) -> {
                long t1 = System.nanoTime();
                if (e == null && m != null) {
                    hist.record(t1 - t0);
                    lastReply.accumulateAndGet(t1, Math::max);
                } else {
                    failed.incrementAndGet();
                }
                permits.release();
            });
        }
        // Let the requests still in flight finish (or time out) before counting.
        if (!permits.tryAcquire(inflight, timeout.toNanos() + stallNanos, TimeUnit.NANOSECONDS)) {
            stop = stop != null ? stop : "requests still unanswered at the end";
        }
        requestFigures(r, hist, sent, failed.get(), start, lastReply.get(), stop);
    }

    private static void requestFigures(RunResult r, LatencyHistogram hist, long sent, long failed,
                                       long start, long end, String stop) {
        long ok = hist.count();
        r.seconds = seconds(end - start);
        r.details.put("requests", sent);
        r.details.put("replies", ok);
        r.details.put("failed", failed);
        r.details.put("seconds", r.seconds);
        r.details.put("p50us", hist.percentileNanos(50) / 1e3);
        r.details.put("p90us", hist.percentileNanos(90) / 1e3);
        r.details.put("p99us", hist.percentileNanos(99) / 1e3);
        r.details.put("p999us", hist.percentileNanos(99.9) / 1e3);
        r.details.put("maxUs", hist.maxNanos() / 1e3);
        r.details.put("meanUs", hist.meanNanos() / 1e3);
        if (failed > 0) {
            r.note("requests without reply: " + failed);
        }
        if (stop != null) {
            r.partial = true;
            r.note("stopped early: " + stop);
        }
        if (ok > 0 && r.seconds > 0) {
            r.add(Metric.higher("req/s", ok / r.seconds));
            r.add(Metric.lower("p50 us", hist.percentileNanos(50) / 1e3));
            r.add(Metric.lower("p99 us", hist.percentileNanos(99) / 1e3));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String subject(Scenario s) {
        return "bench." + s.id() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static byte[] payload(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    private static double seconds(long nanos) {
        return Math.max(0, nanos) / 1e9;
    }

    private static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        String type = t.getClass().getSimpleName();
        return msg == null || msg.isBlank() ? type : type + ": " + msg;
    }
}
