package io.natsboot.boot.client;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import io.nats.client.Connection;
import io.nats.client.impl.NatsbootInProcessDataPort;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Logs the application's NATS connection once per change of state, naming the server: {@code Connected to
 * nats://127.0.0.1:4222 (embedded node, TCP)}, {@code Disconnected from ...}, and a failure to reach the configured
 * servers once (then at DEBUG until the state or the error changes), where jnats' default listener logs every attempt
 * without the URL.
 *
 * @since 0.1.0
 */
public class NatsConnectionLogger implements ConnectionListener, ErrorListener {

    private static final Log logger = LogFactory.getLog(NatsConnectionLogger.class);

    private final Supplier<@Nullable String> embeddedUrl;

    private @Nullable String lastProblem;

    private State state = State.CONNECTING;

    private @Nullable Exception lostBecause;

    /**
     * Creates a logger.
     * @param embeddedUrl the embedded node's client URL, or a supplier of {@code null} when there is none; used to
     * tell the embedded node from a remote server
     */
    public NatsConnectionLogger(Supplier<@Nullable String> embeddedUrl) {
        this.embeddedUrl = embeddedUrl;
    }

    @Override
    public void connectionEvent(Connection connection, Events type) {
        connectionEvent(connection, type, null, null);
    }

    @Override
    public void connectionEvent(Connection connection, Events type, @Nullable Long time, @Nullable String uriDetails) {
        String url = (connection.getConnectedUrl() != null) ? connection.getConnectedUrl() : uriDetails;
        switch (type) {
            case CONNECTED -> connected("Connected to ", connection, url);
            case RECONNECTED -> connected("Reconnected to ", connection, url);
            case DISCONNECTED -> disconnected(connection, url);
            case CLOSED -> state(State.CLOSED,
                    () -> logger.info("NATS connection to " + servers(connection) + " closed"));
            case LAME_DUCK -> logger.info("NATS server " + describe(url) + " is entering lame duck mode");
            default -> {
                // resubscribed and discovered servers: nothing a user acts on
            }
        }
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        synchronized (this) {
            if (this.state == State.CONNECTED) {
                // the connection breaking: told with the DISCONNECTED that follows
                this.lostBecause = exception;
                logger.debug("NATS connection to " + describe(connection.getConnectedUrl()) + " failed", exception);
                return;
            }
        }
        problem("Cannot reach NATS server " + servers(connection) + " (nats.client.servers): " + exception);
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        String url = connection.getConnectedUrl();
        problem("NATS server " + ((url != null) ? describe(url) : servers(connection)) + " reported: " + error);
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        logger.warn("Slow consumer on the NATS connection to " + describe(connection.getConnectedUrl())
                + ": messages are dropped until it catches up");
    }

    private void connected(String what, Connection connection, @Nullable String url) {
        state(State.CONNECTED,
                () -> logger.info(what + describe(url) + " (" + where(url) + ", " + transport(connection, url) + ")"));
    }

    // jnats reports DISCONNECTED after every failed attempt: only the loss of a connection is news
    private synchronized void disconnected(Connection connection, @Nullable String url) {
        if (this.state != State.CONNECTED) {
            logger.debug("Still no NATS server of " + servers(connection) + " reachable");
            this.state = State.DISCONNECTED;
            return;
        }
        Exception cause = this.lostBecause;
        this.lostBecause = null;
        state(State.DISCONNECTED, () -> logger.warn("Disconnected from NATS server " + describe(url)
                + ((cause != null) ? " (" + cause + ")" : "") + "; reconnecting to " + servers(connection)));
    }

    // a new state: the next problem is news again
    private synchronized void state(State next, Runnable log) {
        this.state = next;
        this.lastProblem = null;
        log.run();
    }

    // a repeated problem (jnats reports every retry) is logged once, then at DEBUG
    private synchronized void problem(String message) {
        if (message.equals(this.lastProblem)) {
            logger.debug(message);
            return;
        }
        this.lastProblem = message;
        logger.warn(message);
    }

    private String where(@Nullable String url) {
        if (url != null && NatsbootInProcessDataPort.isInProcessUrl(url)) {
            return "embedded node";
        }
        String embedded = this.embeddedUrl.get();
        return (embedded != null && url != null && sameServer(embedded, url)) ? "embedded node" : "remote server";
    }

    private static String transport(Connection connection, @Nullable String url) {
        if (url != null && NatsbootInProcessDataPort.isInProcessUrl(url)) {
            return "in-process";
        }
        String scheme = (url != null) ? URI.create(url).getScheme() : null;
        if ("ws".equals(scheme) || "wss".equals(scheme)) {
            return "WebSocket";
        }
        return (connection.getOptions().getSslContext() != null || "tls".equals(scheme)) ? "TLS" : "TCP";
    }

    private static boolean sameServer(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        return x.getPort() == y.getPort() && Objects.equals(x.getHost(), y.getHost());
    }

    private static String servers(Connection connection) {
        return String.join(", ", connection.getOptions().getServers().stream().map(NatsConnectionLogger::describe)
            .toList());
    }

    private static String describe(@Nullable Object url) {
        if (url == null) {
            return "(unknown)";
        }
        URI uri = (url instanceof URI u) ? u : URI.create(url.toString());
        // a URL may carry a user and password: never log them
        return (uri.getUserInfo() == null) ? uri.toString()
                : uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
    }

    private enum State {

        CONNECTING, CONNECTED, DISCONNECTED, CLOSED

    }

}
