package io.natsboot.test;

import java.util.ArrayList;
import java.util.List;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The nodes an {@link EmbeddedNats @EmbeddedNats(nodes = n)} test runs beside the application's own: started when
 * its context is made, stopped when it closes. A bean of the test context (none besides the application's node when
 * {@code nodes = 1}), so a test can reach or stop one of them, e.g. to see its clients fail over.
 *
 * @since 0.1.0
 */
public final class EmbeddedNatsNodes implements DisposableBean {

    static final EmbeddedNatsNodes NONE = new EmbeddedNatsNodes(List.of(), null, null);

    private final List<NatsServer> servers;

    private final @Nullable String routeUser;

    private final @Nullable String routePassword;

    private EmbeddedNatsNodes(List<NatsServer> servers, @Nullable String routeUser, @Nullable String routePassword) {
        this.servers = servers;
        this.routeUser = routeUser;
        this.routePassword = routePassword;
    }

    /** Starts {@code count} nodes of cluster {@code name} on free ports of 127.0.0.1, each seeded with the first. */
    static EmbeddedNatsNodes start(int count, String name, @Nullable String routeUser, @Nullable String routePassword) {
        List<NatsServer> started = new ArrayList<>();
        EmbeddedNatsNodes nodes = new EmbeddedNatsNodes(started, routeUser, routePassword);
        try {
            for (int i = 0; i < count; i++) {
                ServerOptions options = new ServerOptions().setHost("127.0.0.1").setPort(0)
                    .setServerName(name + "-" + (i + 2));
                ServerOptions.Cluster cluster = options.getCluster().setName(name).setHost("127.0.0.1").setPort(0);
                if (routeUser != null && routePassword != null) {
                    cluster.setUser(routeUser).setPassword(routePassword);
                }
                if (i > 0) {
                    cluster.getRoutes().add(nodes.routeUrl(started.get(0), true));
                }
                NatsServer server = new NatsServer(options);
                server.start();
                started.add(server);
            }
            return nodes;
        }
        catch (RuntimeException ex) {
            nodes.destroy();
            throw ex;
        }
    }

    /**
     * The running nodes besides the application's own.
     * @return the nodes, in start order
     */
    public List<NatsServer> servers() {
        return List.copyOf(this.servers);
    }

    /**
     * Client URLs of the nodes besides the application's own.
     * @return {@code nats://127.0.0.1:<port>} URLs, in start order
     */
    public List<String> clientUrls() {
        return this.servers.stream().map(NatsServer::clientUrl).toList();
    }

    /** Seeds for the application's node; it adds the cluster's route credentials itself. */
    List<String> routeUrls() {
        return this.servers.stream().map((server) -> routeUrl(server, false)).toList();
    }

    private String routeUrl(NatsServer server, boolean withCredentials) {
        String credentials = (withCredentials && this.routeUser != null && this.routePassword != null)
                ? this.routeUser + ":" + this.routePassword + "@" : "";
        return "nats-route://" + credentials + "127.0.0.1:" + server.clusterPort();
    }

    @Override
    public void destroy() {
        for (int i = this.servers.size() - 1; i >= 0; i--) {
            this.servers.get(i).shutdown();
        }
    }

}
