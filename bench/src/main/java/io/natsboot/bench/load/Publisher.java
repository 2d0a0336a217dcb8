package io.natsboot.bench.load;

import io.nats.client.Connection;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The publisher of the pub, pubsub, fan-out and queue scenarios: publishes as fast as the connection takes messages,
 * bounded by the run's limits and, when the subscribers' progress is given, by the publish window.
 */
final class Publisher {

    /** How often (in messages) the publisher looks at the clock, the window and the failure flag. */
    private static final int CHECK_MASK = 63;

    /** What one publishing run did. */
    static final class Outcome {
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

    private final LoadConfig config;
    private final ClientEvents events;

    Publisher(LoadConfig config, ClientEvents events) {
        this.config = config;
        this.events = events;
    }

    /**
     * Publishes as fast as the connection takes messages, bounded by the limits and, when {@code progress} is given,
     * by the window: never more than {@code --window} messages ahead of what the subscribers have received. Ends
     * with a flush, so the end time is when the server has read everything.
     */
    Outcome publish(Connection pub, String subject, int size, ScenarioRunner.Limits limits, boolean stampSequence,
                    LongSupplier progress) throws InterruptedException {
        byte[] template = RunSupport.payload(size);
        int window = progress == null ? 0 : config.window(size);
        long count = limits.counted() ? limits.messages() : Long.MAX_VALUE;
        Outcome out = new Outcome();
        long n = 0;
        limits.window().opened();
        long start = System.nanoTime();
        long deadline = limits.counted() ? Long.MAX_VALUE : start + limits.durationNanos();
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
                    String why = awaitWindow(n, window, progress, hardDeadline);
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
                RunSupport.LONG_IN_BYTES.set(data, 0, n);
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
            pub.flush(out.stopReason == null ? config.stallTimeout : RunSupport.GRACE);
        } catch (TimeoutException e) {
            out.flushTimedOut = true;
        } catch (IllegalStateException e) {
            out.stopReason = out.stopReason != null ? out.stopReason : "flush failed: " + e.getMessage();
        }
        out.endNanos = System.nanoTime();
        return out;
    }

    private String awaitWindow(long published, int window, LongSupplier progress, long hardDeadline) {
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
}
