package io.natsboot.server.connection;

import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.protocol.route.RouteProtocolEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bytes waiting to be written to one connection. Publishers on any event loop append under this object's lock;
 * the connection's own loop writes them to the socket, once per loop iteration however many messages arrived.
 *
 * <p>Small payloads are copied into buffers filled one after the other (a copy is cheaper than reference counting per
 * receiver; a full buffer is followed by a new one, never grown, which would copy it again); payloads of
 * {@value #SHARE_PAYLOAD_BYTES} bytes or more are shared with every receiver, not copied.
 *
 * <p>Limits, as nats-server: more than {@code maxPending} bytes waiting, or a socket that accepts nothing for
 * {@code writeDeadline}, makes the connection a slow consumer, which is closed.
 */
public final class Outbound {

    static final int SHARE_PAYLOAD_BYTES = 32 * 1024;
    /** The first buffer of a batch: enough for the replies of a quiet connection. */
    private static final int INITIAL_BUFFER = 4096;
    /** The buffers after it, while a batch keeps growing: the largest size the pooled allocator caches per thread. */
    private static final int NEXT_BUFFER = 32 * 1024;

    /** What became of a message handed to {@link #writeMessage} or {@link #writeRouteMessage}. */
    public enum Result {
        /** Dropped: the connection is closed or has just become a slow consumer. */
        DROPPED,
        /** Queued. */
        QUEUED,
        /** Queued, and more than half of max_pending is now waiting: the producer should pause (nats-server's stall). */
        CONGESTED
    }

    /** Why a connection was cut for not reading, as /connz reports it. */
    public enum SlowConsumer { PENDING_BYTES, WRITE_DEADLINE }

    /** Called once, on the connection's loop, when it must be cut. */
    public interface SlowConsumerListener {
        void onSlowConsumer(SlowConsumer reason);
    }

    private final Channel channel;
    private final long maxPending;
    private final long writeDeadlineNanos;
    private final SlowConsumerListener listener;
    private final Runnable flushTask = this::flush;

    /** What flush or close took from the queue; the connection's event loop only. */
    private final ArrayDeque<ByteBuf> taken = new ArrayDeque<>();

    // guarded by this
    private ByteBuf buffer;
    private ArrayDeque<ByteBuf> chunks;
    private long bufferedBytes;
    private boolean flushScheduled;
    private boolean closed;
    private long outMsgs;
    private long outBytes;
    /** Producers stalled for this receiver, woken once it has drained below half of maxPending. */
    private ArrayList<Runnable> drainWaiters;

    private ScheduledFuture<?> writeDeadlineTimer;
    /** When the socket last finished writing a flushed batch: the write deadline measures from there. */
    private long lastWriteDoneNanos = System.nanoTime();
    private final ChannelFutureListener writeDone = f -> lastWriteDoneNanos = System.nanoTime();

    public Outbound(Channel channel, long maxPending, Duration writeDeadline, SlowConsumerListener listener) {
        this.channel = channel;
        this.maxPending = maxPending;
        this.writeDeadlineNanos = writeDeadline.toNanos();
        this.listener = listener;
    }

    /**
     * Appends a MSG, or an HMSG when {@code headerSize >= 0}, carrying {@code message} (headers first for HMSG).
     * Any thread.
     *
     */
    public Result writeMessage(byte[] subject, byte[] sid, byte[] replyTo, int headerSize, ByteBuf message) {
        int size = message.readableBytes();
        int lineSize = ProtocolEncoder.controlLineSize(subject, sid, replyTo, headerSize >= 0);
        Result result;
        boolean schedule;
        synchronized (this) {
            long socketPending = socketPending();
            if (!admit(lineSize + size, socketPending)) {
                return Result.DROPPED;
            }
            ByteBuf out = bufferFor(lineSize + (size >= SHARE_PAYLOAD_BYTES ? 0 : size + 2));
            int before = out.writerIndex();
            if (headerSize >= 0) {
                ProtocolEncoder.writeHmsgLine(out, subject, sid, replyTo, headerSize, size);
            } else {
                ProtocolEncoder.writeMsgLine(out, subject, sid, replyTo, size);
            }
            schedule = appendPayload(out, before, message);
            result = bufferedBytes + socketPending > maxPending / 2 ? Result.CONGESTED : Result.QUEUED;
        }
        if (schedule) {
            channel.eventLoop().execute(flushTask);
        }
        return result;
    }

    /**
     * Appends an RMSG, or an HMSG when {@code headerSize >= 0}, for a route peer. Any thread.
     *
     */
    public Result writeRouteMessage(byte[] account, byte[] subject, byte[] replyTo, List<String> queues,
                                    int headerSize, ByteBuf message) {
        int size = message.readableBytes();
        int lineSize = 32 + account.length + subject.length + (replyTo == null ? 0 : replyTo.length)
                + 8 * queues.size();
        Result result;
        boolean schedule;
        synchronized (this) {
            long socketPending = socketPending();
            if (!admit(lineSize + size, socketPending)) {
                return Result.DROPPED;
            }
            ByteBuf out = bufferFor(lineSize + (size >= SHARE_PAYLOAD_BYTES ? 0 : size + 2));
            int before = out.writerIndex();
            if (headerSize >= 0) {
                RouteProtocolEncoder.writeHmsgLine(out, account, subject, replyTo, queues, headerSize, size);
            } else {
                RouteProtocolEncoder.writeRmsgLine(out, account, subject, replyTo, queues, size);
            }
            schedule = appendPayload(out, before, message);
            result = bufferedBytes + socketPending > maxPending / 2 ? Result.CONGESTED : Result.QUEUED;
        }
        if (schedule) {
            channel.eventLoop().execute(flushTask);
        }
        return result;
    }

    // guarded by this: whether a frame of about this size may be queued; past max_pending the peer is cut
    private boolean admit(int frameBytes, long socketPending) {
        if (closed) {
            return false;
        }
        if (bufferedBytes + socketPending + frameBytes > maxPending) {
            closed = true;
            channel.eventLoop().execute(() -> listener.onSlowConsumer(SlowConsumer.PENDING_BYTES));
            return false;
        }
        return true;
    }

    // guarded by this: the payload and CRLF after a control line written from {@code before}; true to schedule
    private boolean appendPayload(ByteBuf out, int before, ByteBuf message) {
        int size = message.readableBytes();
        boolean share = size >= SHARE_PAYLOAD_BYTES;
        if (share) {
            chunk(message.retainedDuplicate());
            bufferFor(2).writeBytes(ProtocolEncoder.CRLF);
        } else {
            out.writeBytes(message, message.readerIndex(), size);
            out.writeBytes(ProtocolEncoder.CRLF);
        }
        bufferedBytes += out.writerIndex() - before + (share ? size + 2 : 0);
        outMsgs++;
        outBytes += size;
        return scheduleFlush();
    }

    // guarded by this: whether this is the first write since the last flush, which must have the loop flush it
    private boolean scheduleFlush() {
        boolean schedule = !flushScheduled;
        flushScheduled = true;
        return schedule;
    }

    /**
     * Appends a protocol line (PONG, +OK, -ERR, INFO, PING) behind what is already queued. Any thread. These count
     * against max_pending like messages (as in nats-server): a client flooding PINGs or verbose PUBs without reading
     * would otherwise queue replies without bound until the write deadline.
     */
    public void writeControl(byte[] line) {
        boolean schedule;
        synchronized (this) {
            if (!admit(line.length, socketPending())) {
                return;
            }
            bufferFor(line.length).writeBytes(line);
            bufferedBytes += line.length;
            schedule = scheduleFlush();
        }
        if (schedule) {
            channel.eventLoop().execute(flushTask);
        }
    }

    /** Writes everything queued to the socket. On the connection's event loop only. */
    public void flush() {
        synchronized (this) {
            flushScheduled = false;
            takeQueued();
        }
        if (taken.isEmpty()) {
            return;
        }
        if (!channel.isActive()) {
            releaseTaken();
            return;
        }
        for (ByteBuf b; (b = taken.poll()) != null; ) {
            channel.write(b, channel.voidPromise());
        }
        channel.write(Unpooled.EMPTY_BUFFER, channel.newPromise().addListener(writeDone));
        channel.flush();
        if (!channel.isWritable()) {
            armWriteDeadline();
        }
        wakeDrainWaiters();
    }

    /** The socket took bytes or filled up; on the connection's event loop. */
    public void writabilityChanged() {
        if (channel.isWritable() && writeDeadlineTimer != null) {
            writeDeadlineTimer.cancel(false);
            writeDeadlineTimer = null;
        }
        wakeDrainWaiters();
    }

    /**
     * Runs {@code waiter} (on whatever thread notices) once pending bytes are at most half of maxPending, or the
     * connection is closed; at once if that is already so.
     */
    public void whenDrained(Runnable waiter) {
        synchronized (this) {
            if (!closed && bufferedBytes + socketPending() > maxPending / 2) {
                if (drainWaiters == null) {
                    drainWaiters = new ArrayList<>(2);
                }
                drainWaiters.add(waiter);
                return;
            }
        }
        waiter.run();
    }

    // after the socket took bytes, or the connection ended
    private void wakeDrainWaiters() {
        List<Runnable> wake;
        synchronized (this) {
            if (drainWaiters == null || (!closed && bufferedBytes + socketPending() > maxPending / 2)) {
                return;
            }
            wake = drainWaiters;
            drainWaiters = null;
        }
        wake.forEach(Runnable::run);
    }

    /** Bytes queued here and in the socket's outbound buffer. */
    public long pendingBytes() {
        long socket = socketPending();
        synchronized (this) {
            return bufferedBytes + socket;
        }
    }

    public synchronized long outMsgs() {
        return outMsgs;
    }

    public synchronized long outBytes() {
        return outBytes;
    }

    /** Drops whatever is still queued; later writes are ignored. Idempotent; on the connection's event loop. */
    public void close() {
        synchronized (this) {
            closed = true;
            takeQueued();
        }
        releaseTaken();
        if (writeDeadlineTimer != null) {
            writeDeadlineTimer.cancel(false);
            writeDeadlineTimer = null;
        }
        wakeDrainWaiters();
    }

    /** Stops accepting writes but keeps what is queued, so that a last {@link #flush()} still sends it. */
    public synchronized void seal() {
        closed = true;
    }

    private void armWriteDeadline() {
        if (writeDeadlineTimer != null) {
            return;
        }
        scheduleWriteDeadlineCheck(writeDeadlineNanos);
    }

    private void scheduleWriteDeadlineCheck(long delayNanos) {
        writeDeadlineTimer = channel.eventLoop().schedule(this::checkWriteDeadline, delayNanos, TimeUnit.NANOSECONDS);
    }

    // A socket that is still full is cut only if it has not finished a single write for the whole deadline.
    private void checkWriteDeadline() {
        writeDeadlineTimer = null;
        if (!channel.isActive() || channel.isWritable()) {
            return;
        }
        long stalledNanos = System.nanoTime() - lastWriteDoneNanos;
        if (stalledNanos < writeDeadlineNanos) {
            scheduleWriteDeadlineCheck(writeDeadlineNanos - stalledNanos);
            return;
        }
        synchronized (this) {
            closed = true;
        }
        listener.onSlowConsumer(SlowConsumer.WRITE_DEADLINE);
    }

    /**
     * The writes the socket has not taken yet and their bytes, {@code with N chunks of M total bytes} in nats-server's
     * write-deadline line. On the event loop.
     */
    public String socketBacklog() {
        ChannelOutboundBuffer ob = channel.unsafe().outboundBuffer();
        return ob == null ? "0 chunks of 0 total bytes" : ob.size() + " chunks of " + ob.totalPendingWriteBytes()
                + " total bytes";
    }

    /** What Netty holds for the socket; its total is a volatile field, so any thread may read it. */
    private long socketPending() {
        ChannelOutboundBuffer ob = channel.unsafe().outboundBuffer();
        return ob == null ? 0 : ob.totalPendingWriteBytes();
    }

    // guarded by this: a buffer with room for {@code bytes} more
    private ByteBuf bufferFor(int bytes) {
        if (buffer == null) {
            buffer = channel.alloc().directBuffer(Math.max(INITIAL_BUFFER, bytes));
        } else if (buffer.writableBytes() < bytes) {
            if (chunks == null) {
                chunks = new ArrayDeque<>();
            }
            chunks.add(buffer);
            buffer = channel.alloc().directBuffer(Math.max(NEXT_BUFFER, bytes));
        }
        return buffer;
    }

    // guarded by this: keeps order by closing the current buffer before the shared payload
    private void chunk(ByteBuf shared) {
        if (chunks == null) {
            chunks = new ArrayDeque<>();
        }
        if (buffer != null) {
            chunks.add(buffer);
            buffer = null;
        }
        chunks.add(shared);
    }

    // guarded by this: moves everything queued, in write order, into taken (the shared payloads and the buffers
    // closed before them, then the buffer being filled)
    private void takeQueued() {
        if (chunks != null) {
            taken.addAll(chunks);
            chunks = null;
        }
        if (buffer != null) {
            taken.add(buffer);
            buffer = null;
        }
        bufferedBytes = 0;
    }

    private void releaseTaken() {
        for (ByteBuf b; (b = taken.poll()) != null; ) {
            b.release();
        }
    }
}
