package io.natsboot.server.inprocess;

import io.natsboot.server.connection.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's end of an in-process connection to a server of this JVM, as blocking streams: {@link #read} waits
 * (parked, no spinning) for what the server wrote and copies it straight out of the server's own buffers;
 * {@link #write} copies the client's bytes once into a pooled buffer that the server's decoder reads. No socket, no
 * system call. Netty stays inside: this type's methods take and return plain Java types.
 */
public final class InProcessPipe implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final PipeLink link = new PipeLink(this::wakeWriter);
    // guarded by lock: what the server wrote and the reader has not taken yet, in order
    private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
    private boolean peerClosed;
    private boolean inputShut;
    private boolean closed;
    private Channel channel;

    private InProcessPipe() {
    }

    /**
     * Connects to the server the URL host names ({@code <name>.in-process.invalid}).
     *
     * @throws IOException when no server of this JVM listens in-process under that name, or it does not accept in
     *                     time
     */
    public static InProcessPipe connect(String host, long timeoutNanos) throws IOException {
        InProcessListener listener = InProcessListener.lookup(host);
        if (listener == null) {
            throw new IOException("no natsboot server listens in-process as " + host + " in this JVM");
        }
        InProcessPipe pipe = new InProcessPipe();
        LocalAddress self = new LocalAddress("natsboot-pipe-" + IDS.incrementAndGet());
        listener.expect(self, pipe.link);
        ChannelFuture connected = new Bootstrap()
                .group(listener.loop())
                .channel(LocalChannel.class)
                .option(ChannelOption.ALLOCATOR, Transport.allocator())
                .handler(pipe.new ClientEnd())
                .connect(listener.address(), self);
        boolean done = connected.awaitUninterruptibly(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
        if (!done || !connected.isSuccess()) {
            listener.forget(self);
            connected.channel().close();
            throw new IOException("cannot connect in-process to " + host
                    + (done ? ": " + connected.cause() : ": timed out"), done ? connected.cause() : null);
        }
        pipe.channel = connected.channel();
        return pipe;
    }

    /**
     * Reads at least one byte into {@code b}, waiting for the server to write; -1 once the server has closed (after
     * everything it wrote was read) or the input was shut.
     */
    public int read(byte[] b, int off, int len) throws IOException {
        int n = 0;
        lock.lock();
        try {
            while (inbound.isEmpty()) {
                if (peerClosed || inputShut || closed) {
                    return -1;
                }
                readable.await();
            }
            if (inputShut || closed) {
                return -1;
            }
            while (n < len && !inbound.isEmpty()) {
                ByteBuf head = inbound.peek();
                int k = Math.min(head.readableBytes(), len - n);
                head.readBytes(b, off + n, k);
                n += k;
                if (!head.isReadable()) {
                    inbound.poll().release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from the in-process connection");
        } finally {
            lock.unlock();
        }
        link.toClient().taken(n);
        return n;
    }

    /** Sends {@code len} bytes of {@code b} (copied: the caller may reuse it at once), waiting while the window is full. */
    public void write(byte[] b, int off, int len) throws IOException {
        awaitRoom();
        Channel ch = channel;
        ByteBuf buf = ch.alloc().ioBuffer(len);
        buf.writeBytes(b, off, len);
        link.toServer().sent(len);
        ch.writeAndFlush(buf, ch.voidPromise());
    }

    private void awaitRoom() throws IOException {
        PipeWindow window = link.toServer();
        if (window.hasRoom() && !peerClosed && !closed) {
            return;
        }
        lock.lock();
        try {
            while (true) {
                if (peerClosed || closed) {
                    throw new IOException("the in-process connection is closed");
                }
                if (window.hasRoom() || !window.await()) {
                    return;
                }
                writable.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the in-process connection");
        } finally {
            lock.unlock();
        }
    }

    private void wakeWriter() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes a waiting and every later {@link #read} return -1. */
    public void shutdownInput() {
        lock.lock();
        try {
            inputShut = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Closes this end (the server sees the client leave) and drops what was not read. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            releaseInbound();
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    // guarded by lock
    private void releaseInbound() {
        for (ByteBuf b; (b = inbound.poll()) != null; ) {
            b.release();
        }
    }

    /** On the listener's loop: takes the server's buffers as they come. */
    private final class ClientEnd extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf b) || !b.isReadable()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            lock.lock();
            try {
                if (closed) {
                    b.release();
                    return;
                }
                inbound.add(b);
                readable.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lock.lock();
            try {
                peerClosed = true;
                if (closed) {
                    releaseInbound();
                }
                readable.signalAll();
                writable.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
