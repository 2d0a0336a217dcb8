package io.natsboot.server.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;

/** Going on with a connection whose reading was paused (a login checked aside, a stalled producer). */
public final class PausedReads {

    private PausedReads() {
    }

    /**
     * Switches reading back on and runs {@code decoder} over what it buffered meanwhile: no new bytes may come to
     * trigger it. The empty read goes straight to the decoder: sent from the head of the pipeline it would end in a
     * TLS handler, which has nothing new to decrypt and so would pass nothing on.
     */
    public static void resume(Channel channel, ChannelInboundHandler decoder) {
        channel.config().setAutoRead(true);
        ChannelHandlerContext ctx = decoder == null ? null : channel.pipeline().context(decoder);
        if (ctx == null) {
            return;
        }
        try {
            decoder.channelRead(ctx, Unpooled.EMPTY_BUFFER);
            decoder.channelReadComplete(ctx);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        }
    }
}
