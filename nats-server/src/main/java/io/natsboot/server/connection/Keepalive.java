package io.natsboot.server.connection;

import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The keepalive of one connection, whatever its kind: a PING every interval, and when {@code ping_max} of them went
 * unanswered the connection is stale, is sent {@code -ERR 'Stale Connection'} and closed. A connection that hears
 * from its peer may skip a PING (clients: nats-server does not ping a client that showed life since the last one).
 * Used on the connection's event loop only.
 */
public final class Keepalive {

    private final Channel channel;
    private final Outbound outbound;
    private final long intervalNanos;
    private final int pingMax;
    private final boolean skipWhenActive;
    private final Runnable onStale;
    private int pingsOutstanding;
    private boolean activeSincePing;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    /**
     * @param skipWhenActive whether activity ({@link #active}) since the last PING spares the next one
     * @param onStale        closes the connection once the stale error is queued
     */
    public Keepalive(Channel channel, Outbound outbound, long intervalNanos, int pingMax, boolean skipWhenActive,
                     Runnable onStale) {
        this.channel = channel;
        this.outbound = outbound;
        this.intervalNanos = intervalNanos;
        this.pingMax = pingMax;
        this.skipWhenActive = skipWhenActive;
        this.onStale = onStale;
    }

    /** (Re)starts the timer: the next check comes after {@code delayNanos}, then one every interval. */
    public void start(long delayNanos) {
        cancel();
        if (!stopped) {
            timer = channel.eventLoop().schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The peer showed life (an op, or its own PING). */
    public void active() {
        activeSincePing = true;
    }

    /** The peer answered: nothing is outstanding any more. */
    public void pong() {
        pingsOutstanding = 0;
    }

    /** The connection is closing: no PING any more. Idempotent. */
    public void stop() {
        stopped = true;
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void tick() {
        timer = null;
        if (stopped) {
            return;
        }
        if (pingsOutstanding + 1 > pingMax) {
            outbound.writeControl(ProtocolEncoder.err(ErrorTexts.STALE_CONNECTION));
            onStale.run();
            return;
        }
        if (skipWhenActive && activeSincePing && pingsOutstanding == 0) {
            activeSincePing = false;
        } else {
            pingsOutstanding++;
            outbound.writeControl(ProtocolEncoder.PING);
        }
        timer = channel.eventLoop().schedule(this::tick, intervalNanos, TimeUnit.NANOSECONDS);
    }
}
