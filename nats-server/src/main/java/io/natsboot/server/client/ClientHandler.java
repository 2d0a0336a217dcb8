package io.natsboot.server.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Relays a client channel's lifecycle events to its {@link ClientConnection}; the ops themselves reach the
 * connection straight from the decoder in front of this handler. On the channel's event loop.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ClientHandler.class.getName());

    private final ClientConnection connection;

    public ClientHandler(ClientConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection.open();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.channelClosed();
        ctx.fireChannelInactive();
    }

    /**
     * Writes now what the ops just read produced: when the client half-closed right after them, Netty closes the
     * channel straight after this event, before the flush queued on the event loop would have run, and the replies
     * were lost (nats-server answers everything it read before the end of stream).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.readComplete();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.outbound().writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failed TLS handshake was logged and closed by the TLS upgrade already; a bad TLS record is a read error
        if (cause instanceof IOException || connection.closedReason() != null
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            // nats-server's debug log shows only the close ("Read Error"); the socket's own words go to the trace
            LOG.log(Level.TRACE, () -> connection.describe() + " - Client read error: " + cause.getMessage());
        } else {
            LOG.log(Level.ERROR, connection.describe() + " - Unexpected error, closing the connection", cause);
        }
        connection.close(ClosedReason.READ_ERROR);
    }
}
