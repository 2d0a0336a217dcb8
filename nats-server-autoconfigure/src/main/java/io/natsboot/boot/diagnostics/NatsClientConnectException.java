package io.natsboot.boot.diagnostics;

import java.util.List;

/**
 * Thrown when the application's NATS client cannot connect at start-up ({@code nats.client.fail-on-startup=true}).
 *
 * @since 0.1.0
 */
public class NatsClientConnectException extends RuntimeException {

    private final List<String> servers;

    /**
     * Creates an exception for the servers the client tried.
     * @param servers the servers tried, without credentials
     * @param cause jnats' failure
     */
    public NatsClientConnectException(List<String> servers, Throwable cause) {
        super("The NATS client could not connect to " + String.join(", ", servers) + ": " + cause.getMessage(), cause);
        this.servers = List.copyOf(servers);
    }

    /**
     * Servers the client tried.
     * @return their URLs, without credentials
     */
    public List<String> getServers() {
        return this.servers;
    }

}
