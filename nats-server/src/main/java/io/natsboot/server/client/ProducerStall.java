package io.natsboot.server.client;

import io.natsboot.server.connection.Outbound;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Stalls a fast producer: while a receiver of its messages is over half its max_pending, the producer's socket is
 * not read, until that receiver has drained below half or {@link #STALL_MILLIS} passed, as nats-server does.
 * Event loop of the producer only, except {@link #stall}.
 */
final class ProducerStall {

    /** How long at most a producer is not read (nats-server: the same, for 100ms-1s). */
    private static final long STALL_MILLIS = 100;

    private final ClientConnection connection;
    private final Channel channel;
    private boolean stalled;
    /** Tells stalls apart, so the end of an old one does not end a new one. */
    private int generation;
    private ScheduledFuture<?> timer;

    ProducerStall(ClientConnection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /**
     * {@code receiver} has fallen behind on the producer's messages: stop reading ops from it, right after the
     * current one. Any thread (normally the producer's event loop, as it publishes).
     */
    void stall(Outbound receiver) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> stall(receiver));
            return;
        }
        if (stalled || connection.isClosed()) {
            return;
        }
        stalled = true;
        int current = ++generation;
        channel.config().setAutoRead(false);
        timer = channel.eventLoop().schedule(() -> end(current), STALL_MILLIS, TimeUnit.MILLISECONDS);
        receiver.whenDrained(() -> channel.eventLoop().execute(() -> end(current)));
    }

    private void end(int which) {
        if (!stalled || which != generation) {
            return;
        }
        stalled = false;
        cancelTimer();
        if (connection.isClosed()) {
            return;
        }
        connection.resumeReading();
    }

    boolean isStalled() {
        return stalled;
    }

    /** The connection is closing. */
    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
