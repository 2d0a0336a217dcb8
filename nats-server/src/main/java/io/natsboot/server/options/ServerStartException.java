package io.natsboot.server.options;

/** The server could not start: a listener did not bind, or the options ask for something it cannot do. */
public final class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
