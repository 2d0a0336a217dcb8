package io.natsboot.server.client;

import io.natsboot.server.protocol.ProtocolEncoder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One SUB of one client: its subject, optional queue group, sid and auto-unsubscribe limit. Delivered counts are
 * updated by publishers on any event loop, hence atomic.
 */
public final class Subscription {

    private final ClientConnection connection;
    private final String subject;
    private final String queue;
    private final String sid;
    private final byte[] sidBytes;
    private final AtomicLong delivered = new AtomicLong();
    /** Messages after which the subscription ends; 0 = no limit. */
    private volatile long max;

    Subscription(ClientConnection connection, String subject, String queue, String sid) {
        this.connection = connection;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = ProtocolEncoder.bytes(sid);
    }

    public ClientConnection connection() {
        return connection;
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

    void setMax(long max) {
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
