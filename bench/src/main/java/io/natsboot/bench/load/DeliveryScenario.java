package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The scenarios with subscribers: pub -> sub, fan-out, queue group, and their cluster forms (subscribers on node B).
 * Subscribes, publishes through the window, waits for the deliveries and checks counts and exactly-once.
 */
final class DeliveryScenario {

    private final LoadConfig config;
    private final ClientEvents events;

    DeliveryScenario(LoadConfig config, ClientEvents events) {
        this.config = config;
        this.events = events;
    }

    /**
     * @param subUrl      the server of each subscriber, by index (node A or node B in a cluster)
     * @param subscribers how many subscriptions (or queue-group members)
     * @param queueGroup  the subscriptions form one queue group
     */
    void run(RunResult r, String url, IntFunction<String> subUrl, int size, ScenarioRunner.Limits limits,
             int subscribers, boolean queueGroup) throws Exception {
        String subject = RunSupport.subject(r.scenario);
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

        LongSupplier progress = queueGroup ? () -> Receiver.sum(receivers) : () -> Receiver.min(receivers);
        Publisher.Outcome out = new Publisher(config, events).publish(pub, subject, size, limits, trackSequence,
                progress);
        long perTarget = out.published; // each subscriber must see all of them, or the group all of them in total
        long expected = queueGroup ? out.published : out.published * subscribers;
        String stop = awaitDelivery(progress, perTarget,
                out.stopReason == null ? config.stallTimeout : RunSupport.GRACE);

        long delivered = Receiver.sum(receivers);
        long end = out.startNanos;
        for (Receiver rc : receivers) {
            end = Math.max(end, rc.lastNanos);
        }
        r.seconds = RunSupport.seconds(end - out.startNanos);
        r.details.put("published", out.published);
        r.details.put("expected", expected);
        r.details.put("delivered", delivered);
        r.details.put("seconds", r.seconds);
        r.details.put("publishRate", RunSupport.rate(out.published, out.endNanos - out.startNanos));
        r.details.put("window", config.window(size));
        List<Long> perSubCounts = new ArrayList<>();
        List<Double> perSubRates = new ArrayList<>();
        long dropped = 0;
        for (Receiver rc : receivers) {
            perSubCounts.add(rc.count);
            perSubRates.add(RunSupport.rate(rc.count, rc.lastNanos - out.startNanos));
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
    private String awaitDelivery(LongSupplier progress, long target, Duration stall) throws InterruptedException {
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
}
