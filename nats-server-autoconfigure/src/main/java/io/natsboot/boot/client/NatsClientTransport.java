package io.natsboot.boot.client;

import java.net.URI;
import java.util.List;

import io.nats.client.Connection;
import io.nats.client.impl.NatsbootInProcessDataPort;

/**
 * How a jnats connection reaches its server, as health and {@code /actuator/nats} report it.
 *
 * @since 0.1.0
 */
public final class NatsClientTransport {

    /** Through the embedded node's in-process listener. */
    public static final String IN_PROCESS = "in-process";

    /** Through a socket. */
    public static final String TCP = "tcp";

    private NatsClientTransport() {
    }

    /**
     * The transport of the server the connection is on, or, while it is not connected, of the first it will try.
     * @param connection a jnats connection
     * @return {@link #IN_PROCESS} or {@link #TCP}
     */
    public static String of(Connection connection) {
        String url = connection.getConnectedUrl();
        if (url == null) {
            List<URI> servers = connection.getOptions().getServers();
            url = servers.isEmpty() ? null : servers.get(0).toString();
        }
        return (url != null && NatsbootInProcessDataPort.isInProcessUrl(url)) ? IN_PROCESS : TCP;
    }

}
