package io.natsboot.server.inprocess;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;

import java.nio.channels.ClosedChannelException;

/**
 * The server's end of one in-process connection, first in its pipeline. Outbound, it holds writes while the
 * client's window is full; they wait in a {@link PendingWriteQueue}, which counts them in the channel's pending
 * bytes and writability, so {@code max_pending}, the write deadline and slow-consumer cuts work as over a socket.
 * Inbound, it tells the client's window what the server has read (a paused reader reads nothing, so the client's
 * writes stall as a full socket would make them).
 */
final class ServerPipeEnd extends ChannelDuplexHandler {

    private final PipeWindow toClient;
    private final PipeWindow toServer;
    private PendingWriteQueue held;
    private ChannelHandlerContext ctx;

    ServerPipeEnd(PipeLink link) {
        this.toClient = link.toClient(this::wake);
        this.toServer = link.toServer();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        held = new PendingWriteQueue(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            toServer.taken(b.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (held.isEmpty() && toClient.hasRoom()) {
            toClient.sent(size(msg));
            ctx.write(msg, promise);
        } else {
            held.add(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!held.isEmpty() && !toClient.await()) {
            release();
            return;
        }
        ctx.flush();
    }

    private void wake() {
        ctx.executor().execute(this::release);
    }

    // on the loop: writes what the window takes now, and waits for room again if some is left
    private void release() {
        while (!held.isEmpty() && toClient.hasRoom()) {
            toClient.sent(size(held.current()));
            held.removeAndWrite();
        }
        ctx.flush();
        if (!held.isEmpty() && !toClient.await()) {
            ctx.executor().execute(this::release);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.removeAndFailAll(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.removeAndFailAll(new ClosedChannelException());
    }

    private static long size(Object msg) {
        return msg instanceof ByteBuf b ? b.readableBytes() : 0;
    }
}
