package io.natsboot.server.client;

import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.auth.FirstOpGate;
import io.natsboot.server.auth.Identity;
import io.natsboot.server.auth.Nonce;
import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.ErrorTexts;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.lang.System.Logger.Level;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How one client logs in: the auth timer, the refusal of any op before a CONNECT has authenticated, the check of a
 * CONNECT (off the event loop when it needs bcrypt), and who the client is afterwards with what it may do. Event
 * loop only, except the getters.
 */
final class ClientLogin {

    // its lines are the connection's (tests and operators filter on that logger)
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final ClientConnection connection;
    private final Channel channel;
    private final Authenticator authenticator;
    /** The nonce INFO carried for nkey users to sign, or {@code null}. */
    private final String nonce;
    /** Whether a CONNECT has passed authentication (or none is required). */
    private boolean authenticated;
    private ScheduledFuture<?> authTimer;
    /** A CONNECT is being checked against a bcrypt hash off the event loop; reading waits. */
    private boolean authenticating;
    /** Who the client logged in as (user, nkey), {@code ""} for the token, {@code null} without auth. */
    private volatile String authorizedUser;
    /** What the authenticated user may do; {@code null} means everything (no auth, or no permissions set). */
    private volatile Permissions permissions;
    /** The permissions at work; {@code null} when nothing is restricted, so unrestricted clients skip every check. */
    private volatile PermissionGuard guard;

    ClientLogin(ClientConnection connection, Channel channel, Authenticator authenticator) {
        this.connection = connection;
        this.channel = channel;
        this.authenticator = authenticator;
        this.nonce = authenticator.needsNonce() ? Nonce.next() : null;
        this.authenticated = !authenticator.isRequired();
    }

    /** The client has been sent INFO: the auth timer starts, or (no_auth_user) it is that user until CONNECT. */
    void begin(ClientProtocolDecoder decoder) {
        if (authenticator.isRequired()) {
            authTimer = channel.eventLoop().schedule(this::authTimeout, authenticator.timeout().toNanos(),
                    TimeUnit.NANOSECONDS);
            FirstOpGate.install(channel, decoder, this::refuseFirstOp);
        } else {
            // with no_auth_user a client may skip CONNECT: until it sends one it is that user
            authenticator.noAuthIdentity().ifPresent(id -> {
                authorizedUser = id.name();
                authorize(id.permissions());
            });
        }
    }

    private void authTimeout() {
        authTimer = null;
        if (authenticated || connection.isClosed()) {
            return;
        }
        LOG.log(Level.DEBUG, () -> connection.describe() + " - Authentication Timeout");
        connection.sendErrAndClose(ErrorTexts.AUTHENTICATION_TIMEOUT, ClosedReason.AUTHENTICATION_TIMEOUT);
    }

    /**
     * Under auth, any op but CONNECT before a CONNECT has authenticated is refused and closes the connection, as
     * nats-server does; also true once the connection is closing, so no op after a refusal is acted on (but a client let go at
     * shutdown, {@link ClientConnection#isLeaving()}, may still publish).
     */
    boolean refusedBeforeConnect() {
        if (connection.isClosed() && !connection.isLeaving()) {
            return true;
        }
        if (authenticated) {
            return false; // a client let go at shutdown is read on: what it publishes until it leaves is routed
        }
        if (!connection.isClosed()) {
            refuse();
        }
        return true;
    }

    /** The first op of a client that must authenticate is not a CONNECT. */
    private void refuseFirstOp() {
        if (!connection.isClosed() && !authenticated) {
            refuse();
        }
    }

    private void refuse() {
        LOG.log(Level.ERROR, () -> connection.describe() + " - authentication error"
                + authenticator.describeFailure(connection.connectOptions()));
        connection.sendErrAndClose(ErrorTexts.AUTHORIZATION_VIOLATION, ClosedReason.AUTHENTICATION_VIOLATION);
    }

    /**
     * Checks a CONNECT when the server has auth configured; {@code then} goes on with it once the client is in.
     * Returns false when the check goes on aside (reading paused), or the client was refused.
     */
    boolean check(ConnectOptions opts, Executor credentialChecks, Runnable then) {
        if (!authenticator.isConfigured()) {
            return true;
        }
        if (authenticator.isSlow(opts)) {
            authenticateAside(opts, credentialChecks, then);
            return false;
        }
        return loggedIn(opts, authenticator.authenticate(opts, nonce, peerCertificate()));
    }

    /** The certificate the client presented in its TLS handshake (the first of its chain), or {@code null}. */
    private X509Certificate peerCertificate() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    /**
     * Checks a CONNECT against bcrypt hashes on the server's credential threads, with this client's reading paused
     * (ops already read wait in the decoder), then goes on with it on the event loop.
     */
    private void authenticateAside(ConnectOptions opts, Executor credentialChecks, Runnable then) {
        authenticating = true;
        channel.config().setAutoRead(false);
        X509Certificate certificate = peerCertificate();
        try {
            credentialChecks.execute(() -> {
                Optional<Identity> identity = authenticator.authenticate(opts, nonce, certificate);
                channel.eventLoop().execute(() -> afterAuthentication(opts, identity, then));
            });
        } catch (RejectedExecutionException shuttingDown) {
            authenticating = false;
            connection.close(ClosedReason.SERVER_SHUTDOWN);
        }
    }

    private void afterAuthentication(ConnectOptions opts, Optional<Identity> identity, Runnable then) {
        authenticating = false;
        if (connection.isClosed() || !loggedIn(opts, identity)) {
            return;
        }
        then.run();
        connection.resumeReading();
    }

    /** Takes the outcome of a credential check: true when the client is in, else it has been refused. */
    private boolean loggedIn(ConnectOptions opts, Optional<Identity> identity) {
        if (identity.isEmpty()) {
            connection.rejectedConnect(opts);
            refuse();
            return false;
        }
        authenticated = true;
        authorizedUser = identity.get().name();
        cancelTimer();
        authorize(identity.get().permissions());
        return true;
    }

    /** Sets the permissions of the user the client is ({@code null} for none). */
    void authorize(Permissions permissions) {
        this.permissions = permissions;
        this.guard = PermissionGuard.of(permissions);
    }

    /** The connection is closing. */
    void cancelTimer() {
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
    }

    /** Whether a credential check is under way aside (reading waits for it). */
    boolean isAuthenticating() {
        return authenticating;
    }

    String nonce() {
        return nonce;
    }

    String authorizedUser() {
        return authorizedUser;
    }

    Permissions permissions() {
        return permissions;
    }

    PermissionGuard guard() {
        return guard;
    }
}
