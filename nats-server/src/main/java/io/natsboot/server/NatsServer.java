package io.natsboot.server;

/**
 * A NATS server: owns the listeners, the event loops and every connection. Start it once, stop it once; all public
 * methods are thread-safe.
 */
public final class NatsServer implements AutoCloseable {

    private final ServerOptions options;

    public NatsServer(ServerOptions options) {
        this.options = options;
    }

    /** Binds the client (and monitoring) listeners; returns once they accept connections. */
    public void start() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The bound client port. */
    public int port() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The bound monitoring port, or -1 when monitoring is off. */
    public int httpPort() {
        throw new UnsupportedOperationException("not yet");
    }

    /** A URL clients on this machine can use, e.g. {@code nats://127.0.0.1:4222}. */
    public String clientUrl() {
        return "nats://127.0.0.1:" + port();
    }

    /** Stops accepting, flushes what was accepted to the clients, closes every connection. Idempotent. */
    public void shutdown() {
    }

    @Override
    public void close() {
        shutdown();
    }

    public ServerOptions options() {
        return options;
    }
}
