package io.natsboot.server.client;

import io.natsboot.server.connection.Keepalive;
import io.natsboot.server.connection.Outbound;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What one client said in its CONNECT and what follows from it once it is in: the options in effect, header support
 * (the decoder is told), +OK for a verbose client, and nats-server's early first PING after the first CONNECT.
 * Applied on the event loop; read from any thread.
 */
final class ClientSession {

    /**
     * nats-server sends the first PING 2 s (or the interval, if shorter) plus up to a fifth more after CONNECT,
     * whatever the client did meanwhile: its PONG gives the round-trip time, and dead peers are found early.
     */
    private static final long FIRST_PING_MAX_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ClientConnection connection;
    private final ServerOptions options;
    private final Outbound outbound;
    private final Keepalive keepalive;
    private ClientProtocolDecoder decoder;
    private volatile ConnectOptions connect = ConnectOptions.DEFAULTS;
    private volatile boolean headersEnabled;
    private boolean connectReceived;

    ClientSession(ClientConnection connection, ServerOptions options, Outbound outbound, Keepalive keepalive) {
        this.connection = connection;
        this.options = options;
        this.outbound = outbound;
        this.keepalive = keepalive;
    }

    void attach(ClientProtocolDecoder decoder) {
        this.decoder = decoder;
    }

    ClientProtocolDecoder decoder() {
        return decoder;
    }

    /** The checks and settings of a CONNECT that come after authentication. */
    void apply(ConnectOptions opts) {
        if (opts.hasAccount()) {
            connection.sendErrAndClose(ErrorTexts.AUTHORIZATION_VIOLATION, ClosedReason.AUTHENTICATION_VIOLATION);
            return;
        }
        if (opts.protocol() < 0 || opts.protocol() > 1) {
            connection.sendErrAndClose(ErrorTexts.INVALID_CLIENT_PROTOCOL, ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        boolean headers = opts.headers() && !options.isNoHeaderSupport();
        if (opts.noResponders() && !headers) {
            connection.sendErrAndClose(ErrorTexts.NO_RESPONDERS_NEEDS_HEADERS, ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        connect = opts;
        headersEnabled = headers;
        if (decoder != null) {
            decoder.setHeadersEnabled(headersEnabled);
        }
        if (opts.verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
        if (!connectReceived) {
            connectReceived = true;
            // the accept-time timer gives way to nats-server's early first PING, which measures the round trip
            keepalive.estimateRttFromOpen();
            keepalive.start(firstPingDelayNanos());
        }
    }

    /** A CONNECT whose credentials were refused: kept, so the refusal can describe it. */
    void rejected(ConnectOptions opts) {
        connect = opts;
    }

    private long firstPingDelayNanos() {
        long interval = options.getPingInterval().toNanos();
        long first = Math.min(interval, FIRST_PING_MAX_NANOS);
        return first + ThreadLocalRandom.current().nextLong(first / 5 + 1);
    }

    ConnectOptions connect() {
        return connect;
    }

    boolean headersEnabled() {
        return headersEnabled;
    }
}
