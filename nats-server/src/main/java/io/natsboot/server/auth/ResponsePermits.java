package io.natsboot.server.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The reply subjects one connection may publish to because it received a message asking for them
 * ({@code allow_responses}): each for {@code maxMsgs} publishes within {@code expires} of the last delivery.
 *
 * <p>Grants come from whichever event loop delivers a message to the connection, uses from the connection's own
 * loop, so the map is concurrent. It stays bounded: every {@link #PRUNE_EVERY} grants, or after
 * {@link #PRUNE_INTERVAL_NANOS}, used-up and expired permits are dropped (nats-server's rule), and past
 * {@link #MAX_PERMITS} live ones are dropped too, oldest first being too costly to find, in the map's own order.
 */
public final class ResponsePermits {

    static final int PRUNE_EVERY = 4096;
    static final long PRUNE_INTERVAL_NANOS = 1_000_000_000L;
    /** A hard cap nats-server does not have: requests flooding an unanswering responder must not grow it forever. */
    static final int MAX_PERMITS = 16_384;

    private final int maxMsgs;
    private final long expiresNanos;
    private final LongSupplier clock;
    private final Map<String, Permit> permits = new ConcurrentHashMap<>();
    private final AtomicInteger grantsSincePrune = new AtomicInteger();
    private final AtomicBoolean pruning = new AtomicBoolean();
    private volatile long lastPruneNanos;

    /**
     * @param maxMsgs      publishes allowed per reply subject; negative for no limit
     * @param expiresNanos how long a permit lasts; negative for ever
     * @param clock        nanosecond time source ({@code System::nanoTime})
     */
    public ResponsePermits(int maxMsgs, long expiresNanos, LongSupplier clock) {
        this.maxMsgs = maxMsgs;
        this.expiresNanos = expiresNanos;
        this.clock = clock;
        this.lastPruneNanos = clock.getAsLong();
    }

    /** A message with reply subject {@code reply} was delivered: (re)opens it, with a fresh count. Any thread. */
    public void grant(String reply) {
        long now = clock.getAsLong();
        // pruned before the put, so the newest permit is never the one dropped
        if (grantsSincePrune.incrementAndGet() > PRUNE_EVERY || now - lastPruneNanos > PRUNE_INTERVAL_NANOS
                || permits.size() >= MAX_PERMITS) {
            prune(now);
        }
        permits.put(reply, new Permit(now));
    }

    /** Consumes one publish to {@code subject} if a live permit allows it. The connection's event loop. */
    public boolean use(String subject) {
        Permit permit = permits.get(subject);
        if (permit == null) {
            return false;
        }
        int n = permit.uses.incrementAndGet();
        if (isUsedUp(n) || isExpired(permit, clock.getAsLong())) {
            permits.remove(subject, permit);
            return false;
        }
        return true;
    }

    /** Live and dead permits currently held (tests, monitoring). */
    public int size() {
        return permits.size();
    }

    private boolean isUsedUp(int uses) {
        return maxMsgs > 0 && uses > maxMsgs;
    }

    private boolean isExpired(Permit permit, long now) {
        return expiresNanos >= 0 && now - permit.grantedNanos > expiresNanos;
    }

    private void prune(long now) {
        if (!pruning.compareAndSet(false, true)) {
            return;
        }
        try {
            grantsSincePrune.set(0);
            lastPruneNanos = now;
            // a permit whose every publish is spent can never allow another one
            permits.values().removeIf(p -> isUsedUp(p.uses.get() + 1) || isExpired(p, now));
            int excess = permits.size() - MAX_PERMITS * 3 / 4;
            if (permits.size() >= MAX_PERMITS) {
                Iterator<String> keys = permits.keySet().iterator();
                while (excess-- > 0 && keys.hasNext()) {
                    keys.next();
                    keys.remove();
                }
            }
        } finally {
            pruning.set(false);
        }
    }

    private static final class Permit {
        final long grantedNanos;
        final AtomicInteger uses = new AtomicInteger();

        Permit(long grantedNanos) {
            this.grantedNanos = grantedNanos;
        }
    }
}
