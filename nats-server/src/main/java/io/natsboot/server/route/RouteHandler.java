package io.natsboot.server.route;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Relays a route channel's lifecycle events to its {@link RouteConnection}; on the channel's event loop.
 *
 * <p>A route learns of its socket's end from the channel's close future, not from {@code channelInactive}: the
 * future completes within the event-loop turn that read the end of stream (or failed the write), while Netty fires
 * {@code channelInactive} in a later task. Until the route is released its peer's interest stays in the subject
 * tree and the queue choice can still pick it, so every message routed in between would be lost.
 */
final class RouteHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(RouteHandler.class.getName());

    private final RouteConnection route;

    RouteHandler(RouteConnection route) {
        this.route = route;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // only a socket that was up ends a route (a dial that failed to connect is the dialer's to report)
        ctx.channel().closeFuture().addListener(f -> route.channelClosed());
        route.open();
        ctx.fireChannelActive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        route.readComplete();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        route.outbound().writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failed TLS handshake is logged where it is seen (RouteManager); a bad TLS record is a read error
        if (cause instanceof IOException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            LOG.log(Level.DEBUG, () -> route.describe() + " - Route read error: " + cause.getMessage());
        } else {
            LOG.log(Level.ERROR, route.describe() + " - Unexpected route error, closing", cause);
        }
        route.close("Read Error");
    }
}
