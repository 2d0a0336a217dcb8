package io.natsboot.boot.client;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.boot.diagnostics.NatsClientConnectException;

/**
 * Opens the application's connection: at once, failing start-up with a {@link NatsClientConnectException} that names
 * the servers, or in the background ({@code nats.client.fail-on-startup=false}).
 *
 * @since 0.1.0
 */
public final class NatsClientConnector {

    private NatsClientConnector() {
    }

    /**
     * Connects.
     * @param options the connection options
     * @param failOnStartup whether to fail when no server answers, rather than retry in the background
     * @return the connection
     * @throws NatsClientConnectException when {@code failOnStartup} and no server answers
     * @throws InterruptedException when interrupted while connecting
     */
    public static Connection connect(Options options, boolean failOnStartup) throws InterruptedException {
        if (!failOnStartup) {
            // jnats' Nats.connectReconnectOnConnect would block start-up until a server answers
            return DeferredNatsConnection.connect(options);
        }
        try {
            return Nats.connect(options);
        }
        catch (IOException ex) {
            throw new NatsClientConnectException(servers(options), ex);
        }
    }

    private static List<String> servers(Options options) {
        List<String> servers = new ArrayList<>();
        for (URI server : options.getServers()) {
            servers.add((server.getUserInfo() == null) ? server.toString()
                    : server.getScheme() + "://" + server.getHost() + ":" + server.getPort());
        }
        return servers;
    }

}
