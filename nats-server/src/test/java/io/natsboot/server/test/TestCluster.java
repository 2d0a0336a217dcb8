package io.natsboot.server.test;

import io.nats.client.Connection;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The natsboot nodes of one cluster in this JVM (loopback, ephemeral client and cluster ports, each seeded with
 * another node's cluster port), and the jnats connections a test opens to them; {@link #close()} closes the
 * connections, then stops the nodes.
 */
public final class TestCluster implements AutoCloseable {

    private final String name;
    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    public TestCluster(String name) {
        this.name = name;
    }

    /** A node named {@code serverName}, seeded with {@code seed} when given. */
    public NatsServer node(String serverName, NatsServer seed) {
        return node(serverName, seed, o -> { });
    }

    /** As {@link #node(String, NatsServer)}, with {@code more} options of the test's own. */
    public NatsServer node(String serverName, NatsServer seed, Consumer<ServerOptions> more) {
        return add(TestServers.start(o -> {
            o.setServerName(serverName).getCluster().setName(name).setHost("127.0.0.1").setPort(0);
            if (seed != null) {
                o.getCluster().getRoutes().add("nats-route://127.0.0.1:" + seed.clusterPort());
            }
            more.accept(o);
        }));
    }

    /** A server the test started itself, stopped with the others. */
    public NatsServer add(NatsServer server) {
        servers.add(server);
        return server;
    }

    /** A connection closed before the nodes stop. */
    public <C extends Connection> C keep(C connection) {
        connections.add(connection);
        return connection;
    }

    /** The nodes, in the order they were made. */
    public List<NatsServer> servers() {
        return servers;
    }

    public List<Connection> connections() {
        return connections;
    }

    @Override
    public void close() throws InterruptedException {
        for (Connection c : connections) {
            c.close();
        }
        for (NatsServer s : servers) {
            s.shutdown();
        }
    }
}
