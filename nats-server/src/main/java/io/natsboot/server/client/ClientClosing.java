package io.natsboot.server.client;

import io.natsboot.server.connection.Outbound;
import io.natsboot.server.delivery.ServerStats;
import io.natsboot.server.options.GoDuration;
import io.natsboot.server.options.ServerOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How one client ends: closed by the server after flushing what is queued, gone from the other side, or cut as a slow
 * consumer; the reason and time are kept for /connz, and the connection's parts are released once. Closing runs on
 * the event loop; the reason and time are read from any thread.
 */
final class ClientClosing {

    // its lines are the connection's (tests and operators filter on that logger)
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final ClientConnection connection;
    private final Channel channel;
    private final Outbound outbound;
    private final ServerOptions options;
    private final ServerStats stats;
    private final Runnable release;
    private volatile ClosedReason reason;
    private volatile Instant stop;
    private boolean released;
    private boolean leaving;

    /** @param release stops the connection's timers and ends its subscriptions; run once */
    ClientClosing(ClientConnection connection, Channel channel, Outbound outbound, ServerOptions options,
                  ServerStats stats, Runnable release) {
        this.connection = connection;
        this.channel = channel;
        this.outbound = outbound;
        this.options = options;
        this.stats = stats;
        this.release = release;
    }

    boolean isClosed() {
        return reason != null;
    }

    boolean isLeaving() {
        return leaving;
    }

    /** Closes after writing what is queued; subscriptions end at once. Idempotent. */
    void close(ClosedReason why) {
        if (reason != null) {
            return;
        }
        reason = why;
        stop = Instant.now();
        release();
        outbound.seal();
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        LOG.log(Level.DEBUG, () -> connection.describe() + " - Client connection closed: " + why);
    }

    /**
     * Closes without losing what the client is still sending: writes what is queued, then half-closes (FIN), and
     * goes on reading, and routing what it publishes, until the client closes its side, which real clients do at
     * once on seeing the end of the stream, or until {@code wait} is over. A client that stops at once loses
     * nothing it wrote before its own close. Subscriptions end at once. Idempotent.
     */
    void closeAfterClient(ClosedReason why, Duration wait) {
        if (reason != null) {
            return;
        }
        if (!(channel instanceof DuplexChannel duplex)) {
            close(why);
            return;
        }
        reason = why;
        stop = Instant.now();
        leaving = true;
        release();
        outbound.seal();
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (f.isSuccess() && channel.isActive()) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
        ScheduledFuture<?> cut = channel.eventLoop().schedule(() -> channel.close(), wait.toNanos(), TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(f -> cut.cancel(false));
        LOG.log(Level.DEBUG, () -> connection.describe() + " - Client connection closed: " + why);
    }

    /** The socket went away (or was closed by us). */
    void channelClosed() {
        if (reason == null) {
            reason = ClosedReason.CLIENT_CLOSED;
            stop = Instant.now();
            LOG.log(Level.DEBUG, () -> connection.describe() + " - Client connection closed: "
                    + ClosedReason.CLIENT_CLOSED);
        }
        release();
        outbound.close();
    }

    /** The outbound gave up on the client: too much pending, or a write that would not finish. */
    void slowConsumer(Outbound.SlowConsumer why) {
        if (reason != null) {
            return;
        }
        stats.slowConsumers.incrementAndGet();
        String detected = why == Outbound.SlowConsumer.PENDING_BYTES
                ? "MaxPending of " + options.getMaxPending() + " Exceeded"
                : "WriteDeadline of " + GoDuration.format(options.getWriteDeadline()) + " exceeded with "
                        + outbound.socketBacklog() + ".";
        LOG.log(Level.INFO, () -> connection.describe() + " - Slow Consumer Detected: " + detected);
        reason = why == Outbound.SlowConsumer.PENDING_BYTES
                ? ClosedReason.SLOW_CONSUMER_PENDING_BYTES : ClosedReason.SLOW_CONSUMER_WRITE_DEADLINE;
        ClosedReason closedAs = reason;
        LOG.log(Level.DEBUG, () -> connection.describe() + " - Client connection closed: " + closedAs);
        stop = Instant.now();
        release();
        outbound.close();
        channel.close();
    }

    private void release() {
        if (!released) {
            released = true;
            release.run();
        }
    }

    ClosedReason reason() {
        return reason;
    }

    Instant stop() {
        return stop;
    }
}
