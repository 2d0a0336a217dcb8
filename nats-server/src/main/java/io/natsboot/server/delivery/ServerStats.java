package io.natsboot.server.delivery;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters, updated from every event loop; monitoring reads them. */
public final class ServerStats {

    /** nats-server's {@code maxSubLimitReportThreshold}. */
    public static final long MAX_SUBSCRIPTIONS_LOG_NANOS = 2_000_000_000L;

    public final LongAdder inMsgs = new LongAdder();
    public final LongAdder inBytes = new LongAdder();
    public final LongAdder outMsgs = new LongAdder();
    public final LongAdder outBytes = new LongAdder();
    public final AtomicLong totalConnections = new AtomicLong();
    public final AtomicLong slowConsumers = new AtomicLong();
    /**
     * When (nanoTime) {@code maximum subscriptions exceeded} was last logged: nats-server logs it at most once every
     * 2 s per account, and natsboot's one account is the server's.
     */
    private final AtomicLong maxSubscriptionsLogged = new AtomicLong(System.nanoTime() - MAX_SUBSCRIPTIONS_LOG_NANOS);

    /** Whether this {@code maximum subscriptions exceeded} gets its log line (the first in 2 s does). */
    public boolean shouldLogMaxSubscriptions() {
        long now = System.nanoTime();
        long last = maxSubscriptionsLogged.get();
        return now - last >= MAX_SUBSCRIPTIONS_LOG_NANOS && maxSubscriptionsLogged.compareAndSet(last, now);
    }
}
