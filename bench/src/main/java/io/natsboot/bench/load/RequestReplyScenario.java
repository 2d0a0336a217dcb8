package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Request/reply: one responder echoing, one requester with one request or several in flight; rate and latency. */
final class RequestReplyScenario {

    private static final int MAX_CONSECUTIVE_REQUEST_FAILURES = 3;

    private final LoadConfig config;
    private final ClientEvents events;

    RequestReplyScenario(LoadConfig config, ClientEvents events) {
        this.config = config;
        this.events = events;
    }

    private Connection startResponder(String url, String subject) throws Exception {
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

    /** Synchronous requests, one after the other. */
    void oneAtATime(RunResult r, String url, int size, ScenarioRunner.Limits limits) throws Exception {
        String subject = RunSupport.subject(r.scenario);
        startResponder(url, subject);
        Connection req = events.connect(url, "requester");
        byte[] payload = RunSupport.payload(size);
        Duration timeout = requestTimeout();
        // The first request sets up the client's reply subscription; keep it out of the figures.
        if (req.request(subject, payload, timeout) == null) {
            throw new IllegalStateException("no reply to the first request within " + timeout.toMillis() + " ms");
        }
        LatencyHistogram hist = new LatencyHistogram();
        long count = limits.counted() ? limits.messages() : Long.MAX_VALUE;
        limits.window().opened();
        long start = System.nanoTime();
        long deadline = limits.counted() ? Long.MAX_VALUE : start + limits.durationNanos();
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
        figures(r, hist, sent, failed, start, end, stop);
    }

    /** {@code --inflight} requests outstanding at any time. */
    void inFlight(RunResult r, String url, int size, ScenarioRunner.Limits limits) throws Exception {
        String subject = RunSupport.subject(r.scenario);
        startResponder(url, subject);
        Connection req = events.connect(url, "requester");
        byte[] payload = RunSupport.payload(size);
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
        long count = limits.counted() ? limits.messages() : Long.MAX_VALUE;
        limits.window().opened();
        long start = System.nanoTime();
        lastReply.set(start);
        long deadline = limits.counted() ? Long.MAX_VALUE : start + limits.durationNanos();
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
        figures(r, hist, sent, failed.get(), start, lastReply.get(), stop);
    }

    private static void figures(RunResult r, LatencyHistogram hist, long sent, long failed, long start, long end,
                                String stop) {
        long ok = hist.count();
        r.seconds = RunSupport.seconds(end - start);
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
}
