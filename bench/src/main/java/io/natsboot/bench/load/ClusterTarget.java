package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 2-node cluster of one server kind for the cluster scenarios: node A and node B, each a child process on free
 * client and cluster ports, B routing to A ({@code --cluster nats://127.0.0.1:<port> --cluster_name bench -n A|B},
 * B with {@code --routes nats-route://127.0.0.1:<A's cluster port>}). {@link #start()} returns node A's URL once the
 * route carries messages; {@link #urlB()} is node B's. Its name is the column it fills ({@code natsboot} or
 * {@code nats-server}).
 */
final class ClusterTarget implements Target {

    static final String CLUSTER_NAME = "bench";
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> program;
    private final SecuritySetup security;
    private volatile ProcessServerTarget a;
    private volatile ProcessServerTarget b;
    private String urlA;
    private String urlB;
    private int clusterPortA;
    private int clusterPortB;
    private long routeMillis;

    ClusterTarget(String name, List<String> program) {
        this(name, program, SecuritySetup.NONE);
    }

    /** @param security the profile of the run: its config file for both nodes, its client settings for the probes */
    ClusterTarget(String name, List<String> program, SecuritySetup security) {
        this.name = name;
        this.program = List.copyOf(program);
        this.security = security;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String start() throws Exception {
        try {
            clusterPortA = ProcessServerTarget.freePort();
            a = ProcessServerTarget.withProgram(name + "-A", program, withSecurity(
                    "--cluster", "nats://127.0.0.1:" + clusterPortA, "--cluster_name", CLUSTER_NAME, "-n", "A"));
            urlA = nodeStart("A", a);
            clusterPortB = ProcessServerTarget.freePort();
            b = ProcessServerTarget.withProgram(name + "-B", program, withSecurity(
                    "--cluster", "nats://127.0.0.1:" + clusterPortB, "--cluster_name", CLUSTER_NAME, "-n", "B",
                    "--routes", "nats-route://127.0.0.1:" + clusterPortA));
            urlB = nodeStart("B", b);
            long t0 = System.nanoTime();
            awaitRoute();
            routeMillis = (System.nanoTime() - t0) / 1_000_000;
            return urlA;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The cluster flags after the profile's {@code -c <file>}, so flags still win over the file as usual. */
    private List<String> withSecurity(String... clusterArgs) {
        List<String> out = new java.util.ArrayList<>(security.serverArgs());
        out.addAll(List.of(clusterArgs));
        return out;
    }

    private static String nodeStart(String node, ProcessServerTarget t) throws Exception {
        try {
            return t.start();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("node " + node + ": " + e.getMessage(), e);
        }
    }

    /**
     * Subscribes on B and publishes probes on A until one arrives: the route is up and carries B's interest. (Each run
     * checks its own subscriptions again the same way before it measures.)
     */
    private void awaitRoute() throws Exception {
        String subject = "bench.cluster.ready." + Long.toHexString(ThreadLocalRandom.current().nextLong());
        try (Connection cb = connect(urlB); Connection ca = connect(urlA)) {
            Subscription sub = cb.subscribe(subject);
            cb.flush(Duration.ofSeconds(5));
            if (!awaitProbe(ca, sub, subject, ROUTE_TIMEOUT)) {
                String why = healthProblem();
                throw new IllegalStateException("the route between node A and node B carried no message within "
                        + ROUTE_TIMEOUT.toSeconds() + " s" + (why == null ? "" : " (" + why + ")"));
            }
        }
    }

    /** Publishes on {@code pub} every 20 ms until {@code sub} receives one; false after {@code timeout}. */
    static boolean awaitProbe(Connection pub, Subscription sub, String subject, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            pub.publish(subject, new byte[0]);
            if (sub.nextMessage(Duration.ofMillis(20)) != null) {
                // Later probes may still be on their way: drop them with the subscription.
                sub.unsubscribe();
                return true;
            }
        }
        return false;
    }

    private Connection connect(String url) throws Exception {
        Options o = security.applyTo(new Options.Builder()).server(url).noReconnect()
                .connectionTimeout(Duration.ofSeconds(5)).errorListener(new io.nats.client.ErrorListener() { }).build();
        return Nats.connect(o);
    }

    String urlA() {
        return urlA;
    }

    String urlB() {
        return urlB;
    }

    long pidA() {
        return a == null ? -1 : a.pid();
    }

    long pidB() {
        return b == null ? -1 : b.pid();
    }

    @Override
    public List<Long> serverPids() {
        return pidA() > 0 && pidB() > 0 ? List.of(pidA(), pidB()) : List.of();
    }

    @Override
    public boolean writesGcLog() {
        return GcLog.inCommand(program);
    }

    @Override
    public String description() {
        return String.format("2-node cluster '%s' (route up after %d ms); A: cluster port %d, %s; B: cluster port %d,"
                + " %s", CLUSTER_NAME, routeMillis, clusterPortA, a == null ? "-" : a.description(), clusterPortB,
                b == null ? "-" : b.description());
    }

    @Override
    public String healthProblem() {
        String pa = a == null ? null : a.healthProblem();
        if (pa != null) {
            return "node A: " + pa;
        }
        String pb = b == null ? null : b.healthProblem();
        return pb == null ? null : "node B: " + pb;
    }

    @Override
    public void close() {
        // B first, so that A does not log a lost route to a node that is being stopped anyway.
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }
}
