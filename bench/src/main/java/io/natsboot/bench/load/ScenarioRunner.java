package io.natsboot.bench.load;

import io.nats.client.Connection;

/**
 * Runs one scenario once, with one payload size, against one server URL, on fresh connections: picks the scenario's
 * runner ({@link DeliveryScenario}, {@link RequestReplyScenario}, or the bare {@link Publisher} for {@code pub}),
 * turns an exception into the run's failure and closes every connection afterwards.
 */
final class ScenarioRunner {

    private final LoadConfig config;

    ScenarioRunner(LoadConfig config) {
        this.config = config;
    }

    /**
     * How long a run lasts: a message count (> 0) or a duration; and who is told when its measured traffic starts
     * and ends.
     */
    record Limits(long messages, long durationNanos, RunWindow window) {

        static Limits measured(LoadConfig c) {
            return measured(c, RunWindow.NONE);
        }

        static Limits measured(LoadConfig c, RunWindow window) {
            return new Limits(c.countMode() ? c.messages : -1, c.duration.toNanos(), window);
        }

        static Limits warmup(LoadConfig c) {
            return new Limits(-1, c.warmup.toNanos(), RunWindow.NONE);
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
        DeliveryScenario delivery = new DeliveryScenario(config, events);
        RequestReplyScenario requests = new RequestReplyScenario(config, events);
        try {
            switch (scenario) {
                case PUB -> publishOnly(r, events, url, size, limits);
                case PUBSUB -> delivery.run(r, url, i -> url, size, limits, 1, false);
                case FANOUT -> delivery.run(r, url, i -> url, size, limits, config.fanoutSubscribers, false);
                case QUEUE -> delivery.run(r, url, i -> url, size, limits, config.queueSubscribers, true);
                case CLUSTER_PUBSUB -> delivery.run(r, url, i -> peer, size, limits, 1, false);
                // Members alternate between the nodes: B, A, B, A... (2 on each with the default 4).
                case CLUSTER_QUEUE -> delivery.run(r, url, i -> i % 2 == 0 ? peer : url, size, limits,
                        config.queueSubscribers, true);
                case REQREPLY -> requests.oneAtATime(r, url, size, limits);
                case REQREPLY_ASYNC -> requests.inFlight(r, url, size, limits);
                default -> throw new IllegalStateException(scenario.toString());
            }
            limits.window().closed();
            events.report(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.failure = "interrupted";
        } catch (Exception e) {
            r.failure = describe(e);
        } finally {
            // Closed before the connections are, so that closing them is not counted (a no-op if already closed).
            limits.window().closed();
            events.close();
        }
        if (r.failure == null && r.metrics.isEmpty()) {
            r.failure = r.notes.isEmpty() ? "no figure" : String.join("; ", r.notes);
        }
        return r;
    }

    private void publishOnly(RunResult r, ClientEvents events, String url, int size, Limits limits) throws Exception {
        Connection pub = events.connect(url, "pub");
        String subject = RunSupport.subject(r.scenario);
        Publisher.Outcome out = new Publisher(config, events).publish(pub, subject, size, limits, false, null);
        r.seconds = RunSupport.seconds(out.endNanos - out.startNanos);
        r.details.put("published", out.published);
        r.details.put("seconds", r.seconds);
        out.addNotes(r);
        if (out.published > 0 && r.seconds > 0) {
            r.add(Metric.rate("msg/s", out.published / r.seconds, size));
        }
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
