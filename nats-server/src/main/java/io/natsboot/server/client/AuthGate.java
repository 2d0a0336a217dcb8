package io.natsboot.server.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits in front of the decoder of a client that must authenticate, for its first byte only: nats-server refuses any
 * first op but CONNECT the moment it sees its first letter, so half an op, garbage or an HPUB (which the decoder would
 * refuse for lack of header support) all get {@code Authorization Violation}. After the first op the connection has
 * either authenticated or been closed. On the channel's event loop.
 */
final class AuthGate extends ChannelInboundHandlerAdapter {

    private final ClientConnection connection;

    AuthGate(ClientConnection connection) {
        this.connection = connection;
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
            connection.refuseFirstOp();
        }
    }
}
