package io.natsboot.server.auth;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits in front of the decoder of a connection (client or route) that must authenticate, for its first byte only:
 * nats-server refuses any first op but CONNECT the moment it sees its first letter, so half an op, garbage or an HPUB
 * (which the decoder would refuse for lack of header support) all get {@code Authorization Violation}. After the first
 * op the connection has either authenticated or been closed. On the channel's event loop.
 */
public final class FirstOpGate extends ChannelInboundHandlerAdapter {

    private final Runnable refuse;

    /** @param refuse sends the violation and closes; run on the event loop instead of passing the bytes on */
    public FirstOpGate(Runnable refuse) {
        this.refuse = refuse;
    }

    /** Puts a gate right in front of {@code decoder} in its pipeline (after TLS, if any). */
    public static void install(Channel channel, ChannelHandler decoder, Runnable refuse) {
        ChannelHandlerContext ctx = decoder == null ? null : channel.pipeline().context(decoder);
        if (ctx != null) {
            channel.pipeline().addBefore(ctx.name(), null, new FirstOpGate(refuse));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.pipeline().remove(this);
        byte first = buf.getByte(buf.readerIndex());
        if (first == 'C' || first == 'c') {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
            refuse.run();
        }
    }
}
