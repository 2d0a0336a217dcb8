package io.natsboot.server.delivery;

import io.natsboot.server.protocol.ProtocolEncoder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One entry of the subject tree: a client's SUB (subject, optional queue group, sid, auto-unsubscribe limit), or the
 * interest a peer server announced over a route (RS+), with its queue weight. Delivered counts are updated by
 * publishers on any event loop, hence atomic.
 */
public final class Subscription {

    private static final byte[] NO_SID = new byte[0];

    private final Receiver connection;
    private final RouteLink route;
    /** For route interest in a queue group: how many members the peer has (its share of the choices). */
    private volatile int weight;
    private final String subject;
    private final String queue;
    private final String sid;
    private final byte[] sidBytes;
    private final AtomicLong delivered = new AtomicLong();
    /** Messages after which the subscription ends; 0 = no limit. */
    private volatile long max;

    /** A local subscription of {@code connection}. */
    public Subscription(Receiver connection, String subject, String queue, String sid) {
        this.connection = connection;
        this.route = null;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = ProtocolEncoder.bytes(sid);
    }

    private Subscription(RouteLink route, String subject, String queue, int weight) {
        this.connection = null;
        this.route = route;
        this.subject = subject;
        this.queue = queue;
        this.sid = "";
        this.sidBytes = NO_SID;
        this.weight = weight;
    }

    /** Interest a peer announced over {@code route}; {@code weight} counts its members when {@code queue} is set. */
    public static Subscription remote(RouteLink route, String subject, String queue, int weight) {
        return new Subscription(route, subject, queue, weight);
    }

    /** The connection that subscribed, or {@code null} for route interest. */
    public Receiver connection() {
        return connection;
    }

    /** The route whose peer has this interest, or {@code null} for a client's subscription. */
    public RouteLink route() {
        return route;
    }

    public boolean isRemote() {
        return route != null;
    }

    public int weight() {
        return weight;
    }

    public void setWeight(int weight) {
        this.weight = weight;
    }

    public String subject() {
        return subject;
    }

    /** The queue group, or {@code null} for a plain subscription. */
    public String queue() {
        return queue;
    }

    public String sid() {
        return sid;
    }

    byte[] sidBytes() {
        return sidBytes;
    }

    public long delivered() {
        return delivered.get();
    }

    public long max() {
        return max;
    }

    public void setMax(long max) {
        this.max = max;
    }

    /**
     * Claims the right to deliver one more message.
     *
     * @return the message's number on this subscription (1-based), or -1 when the limit was already reached
     */
    long claimDelivery() {
        long limit = max;
        if (limit == 0) {
            return delivered.incrementAndGet();
        }
        long n;
        do {
            n = delivered.get();
            if (n >= limit) {
                return -1;
            }
        } while (!delivered.compareAndSet(n, n + 1));
        return n + 1;
    }
}
