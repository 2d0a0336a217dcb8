package io.natsboot.boot.actuate.endpoint;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.nats.client.Connection;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint.ClientDescriptor;
import io.natsboot.boot.client.NatsClientTransport;

/**
 * Describes a jnats {@link Connection} for the endpoint; kept apart from {@link NatsEndpoint} so that the endpoint
 * loads without jnats.
 *
 * @since 0.1.0
 */
public final class ClientDescriptors {

    private ClientDescriptors() {
    }

    /**
     * The connection's state now.
     * @param connection the application's connection
     * @return its description
     */
    public static ClientDescriptor of(Connection connection) {
        List<String> servers = new ArrayList<>();
        for (URI server : connection.getOptions().getServers()) {
            servers.add(withoutUserInfo(server));
        }
        String connected = connection.getConnectedUrl();
        return new ClientDescriptor(String.valueOf(connection.getStatus()), servers,
                (connected != null) ? withoutUserInfo(URI.create(connected)) : null, connection.getLastError(),
                NatsClientTransport.of(connection));
    }

    // a server URL may carry a user and password: never show them
    private static String withoutUserInfo(URI server) {
        if (server.getUserInfo() == null) {
            return server.toString();
        }
        return server.getScheme() + "://" + server.getHost() + ((server.getPort() >= 0) ? ":" + server.getPort() : "");
    }

}
