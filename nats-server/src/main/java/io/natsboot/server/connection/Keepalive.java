package io.natsboot.server.connection;

import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The keepalive of one connection, whatever its kind: a PING every interval, and when {@code ping_max} of them went
 * unanswered the connection is stale, is sent {@code -ERR 'Stale Connection'} and closed. A connection that hears
 * from its peer may skip a PING (clients: nats-server does not ping a client that showed life since the last one),
 * except when the round trip is due: the first PING after CONNECT, and one an hour after the last measurement,
 * are sent whatever the activity, and the PONG that answers gives the round-trip time ({@code rtt} in /connz).
 * Used on the connection's event loop only; {@link #rttNanos()} from any thread.
 */
public final class Keepalive {

    private static final System.Logger LOG = System.getLogger(Keepalive.class.getName());

    /** nats-server measures the round trip again once an hour ({@code DEFAULT_RTT_MEASUREMENT_INTERVAL}). */
    private static final long RTT_REFRESH_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Channel channel;
    private final Outbound outbound;
    private final long intervalNanos;
    private final int pingMax;
    private final boolean skipWhenActive;
    private final Runnable onStale;
    private final Supplier<String> tickLine;
    /** When the connection was opened: nats-server's first estimate of the round trip runs from there to CONNECT. */
    private final long openedNanos = System.nanoTime();
    private boolean pingSent;
    private long pingSentNanos;
    private volatile long rttNanos;
    private int pingsOutstanding;
    private boolean activeSincePing;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    /**
     * @param skipWhenActive whether activity ({@link #active}) since the last PING spares the next one
     * @param onStale        closes the connection once the stale error is queued
     * @param tickLine       the debug line of every tick, nats-server's {@code <connection> - Client Ping Timer}
     */
    public Keepalive(Channel channel, Outbound outbound, long intervalNanos, int pingMax, boolean skipWhenActive,
                     Runnable onStale, Supplier<String> tickLine) {
        this.channel = channel;
        this.outbound = outbound;
        this.intervalNanos = intervalNanos;
        this.pingMax = pingMax;
        this.skipWhenActive = skipWhenActive;
        this.onStale = onStale;
        this.tickLine = tickLine;
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

    /** The peer answered: nothing is outstanding any more, and the round trip is measured from the last PING. */
    public void pong() {
        pingsOutstanding = 0;
        if (pingSent) {
            rttNanos = Math.max(1, System.nanoTime() - pingSentNanos);
        }
    }

    /** Until a PONG measures it, the round trip is estimated as the time from opening to CONNECT (nats-server's). */
    public void estimateRttFromOpen() {
        rttNanos = Math.max(1, System.nanoTime() - openedNanos);
    }

    /** The last round-trip time measured or estimated, 0 when none is known yet. */
    public long rttNanos() {
        return rttNanos;
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
        LOG.log(Level.DEBUG, tickLine);
        if (pingsOutstanding + 1 > pingMax) {
            outbound.writeControl(ProtocolEncoder.err(ErrorTexts.STALE_CONNECTION));
            onStale.run();
            return;
        }
        long now = System.nanoTime();
        boolean rttDue = !pingSent || now - pingSentNanos > RTT_REFRESH_NANOS;
        if (skipWhenActive && activeSincePing && pingsOutstanding == 0 && !rttDue) {
            activeSincePing = false;
        } else {
            pingsOutstanding++;
            pingSent = true;
            pingSentNanos = now;
            outbound.writeControl(ProtocolEncoder.PING);
        }
        timer = channel.eventLoop().schedule(this::tick, intervalNanos, TimeUnit.NANOSECONDS);
    }
}
