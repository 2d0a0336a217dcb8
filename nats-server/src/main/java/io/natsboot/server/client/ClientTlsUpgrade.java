package io.natsboot.server.client;

import io.natsboot.server.tls.TlsNames;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import javax.net.ssl.SSLSession;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a client channel on a TLS listener. nats-server sends INFO in plain text and only then
 * expects the client's handshake, so this lets INFO out first and then puts an {@link SslHandler} right behind itself,
 * in front of the protocol decoder. It stays at the head of the pipeline: what it writes bypasses TLS, which is how
 * the {@code -ERR 'Secure Connection - TLS Required'} of a handshake that did not finish in time goes out readable.
 * With {@code allow_non_tls} the first byte decides: 0x16 (a TLS handshake record) upgrades, anything else stays
 * plain. On the channel's event loop.
 */
public final class ClientTlsUpgrade extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ClientTlsUpgrade.class.getName());
    /** The content type of a TLS handshake record, the first byte a TLS client sends. */
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;
    public static final String SSL_HANDLER_NAME = "tls";

    private final SslContext context;
    private final TlsOptions tls;
    private final ClientConnection connection;
    private SslHandler ssl;
    private boolean sniffing;
    private ScheduledFuture<?> timer;

    public ClientTlsUpgrade(SslContext context, TlsOptions tls, ClientConnection connection) {
        this.context = context;
        this.tls = tls;
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive(); // the connection writes and flushes INFO, still in plain text
        if (connection.closedReason() != null || !ctx.channel().isActive()) {
            return; // refused (max connections): nothing to secure
        }
        if (tls.isAllowNonTls()) {
            sniffing = true;
        } else {
            startHandshake(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (sniffing && msg instanceof ByteBuf b && b.isReadable()) {
            sniffing = false;
            if (b.getByte(b.readerIndex()) == TLS_HANDSHAKE_RECORD) {
                startHandshake(ctx);
            } else {
                LOG.log(Level.DEBUG, () -> connection.describe() + " - Client stays in plain text (allow_non_tls)");
                ctx.pipeline().remove(this);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        ctx.fireChannelInactive();
    }

    private void startHandshake(ChannelHandlerContext ctx) {
        LOG.log(Level.DEBUG, () -> connection.describe() + " - Starting TLS client connection handshake");
        ssl = context.newHandler(ctx.alloc());
        ssl.setHandshakeTimeoutMillis(0); // ours below answers first, with nats-server's -ERR
        ctx.pipeline().addAfter(ctx.name(), SSL_HANDLER_NAME, ssl);
        timer = ctx.executor().schedule(() -> timedOut(ctx), tls.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ssl.handshakeFuture().addListener(f -> handshakeDone(f));
    }

    private void timedOut(ChannelHandlerContext ctx) {
        timer = null;
        if (ssl.handshakeFuture().isDone() || connection.closedReason() != null) {
            return;
        }
        LOG.log(Level.ERROR, () -> connection.describe() + " - TLS handshake timeout");
        // written from this context, so it reaches the socket without passing through the SslHandler
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtocolEncoder.err(ErrorTexts.TLS_REQUIRED)))
                .addListener(ChannelFutureListener.CLOSE);
        connection.close(ClosedReason.TLS_HANDSHAKE_ERROR);
    }

    private void handshakeDone(Future<?> f) {
        cancelTimer();
        if (f.isSuccess()) {
            SSLSession session = ssl.engine().getSession();
            LOG.log(Level.DEBUG, () -> connection.describe() + " - TLS handshake complete");
            LOG.log(Level.DEBUG, () -> connection.describe() + " - TLS version " + TlsNames.version(session)
                    + ", cipher suite " + session.getCipherSuite());
        } else if (connection.closedReason() == null) {
            LOG.log(Level.ERROR, () -> connection.describe() + " - TLS handshake error: "
                    + TlsNames.describe(f.cause()));
            connection.close(ClosedReason.TLS_HANDSHAKE_ERROR);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The session of a connection that finished its handshake, or {@code null} (plain text, or not yet). */
    public static SSLSession session(io.netty.channel.Channel channel) {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler == null || !handler.handshakeFuture().isSuccess()) {
            return null;
        }
        return handler.engine().getSession();
    }
}
