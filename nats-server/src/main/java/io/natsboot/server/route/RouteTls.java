package io.natsboot.server.route;

import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.tls.SslContexts;
import io.natsboot.server.tls.TlsNames;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.lang.System.Logger.Level;

/**
 * Route TLS ({@code cluster { tls {} }}): nats-server verifies routes both ways whatever {@code verify} says, so
 * both an accepting and a dialling context. Immutable.
 */
final class RouteTls {

    // its lines are the route manager's
    private static final System.Logger LOG = System.getLogger(RouteManager.class.getName());

    private final TlsOptions options;
    private final SslContext accept;
    private final SslContext dial;

    private RouteTls(TlsOptions options) {
        this.options = options;
        this.accept = SslContexts.server(options, true);
        this.dial = SslContexts.client(options);
    }

    /** The route TLS of {@code options}, or {@code null} for plain routes. */
    static RouteTls of(TlsOptions options) {
        return options.isConfigured() ? new RouteTls(options) : null;
    }

    /** TLS comes before any route protocol byte; what the route writes meanwhile waits in the SslHandler. */
    void addTo(SocketChannel ch, RouteConnection route, RouteUrl solicited) {
        // a dialled route checks the peer's certificate against the host name it dialled, as Go's TLS client does
        SslHandler ssl = solicited == null ? accept.newHandler(ch.alloc())
                : dial.newHandler(ch.alloc(), solicited.host(), solicited.port());
        ssl.setHandshakeTimeoutMillis(options.getTimeout().toMillis());
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                LOG.log(Level.DEBUG, () -> route.describe() + " - TLS route handshake complete, "
                        + ssl.engine().getSession().getProtocol() + " " + ssl.engine().getSession().getCipherSuite());
            } else {
                LOG.log(Level.ERROR, () -> route.describe() + " - TLS route handshake error: "
                        + TlsNames.describe(f.cause()));
                route.close("TLS Handshake Failure");
            }
        });
        ch.pipeline().addLast(ssl);
    }
}
