package io.natsboot.autoconfigure.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.natsboot.autoconfigure.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.Monitor;
import io.natsboot.server.monitor.Varz;
import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.route.RouteSnapshots;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} exposing the embedded NATS node and its cluster, read from the engine's monitoring
 * snapshots.
 *
 * @since 0.1.0
 */
@Endpoint(id = "nats")
public class NatsEndpoint {

    private final EmbeddedNatsServer server;

    public NatsEndpoint(EmbeddedNatsServer server) {
        this.server = server;
    }

    @ReadOperation
    public NodeDescriptor nats() {
        NatsServer engine = this.server.getServer();
        Varz varz = new Monitor(engine, new RouteSnapshots(engine::routeManager)).varz();
        return new NodeDescriptor(varz.serverId(), varz.serverName(), varz.version(), varz.port(),
                (engine.clusterPort() >= 0) ? engine.clusterPort() : null,
                (engine.httpPort() >= 0) ? engine.httpPort() : null, varz.start(), varz.uptime(), varz.connections(),
                varz.totalConnections(), varz.subscriptions(), varz.inMsgs(), varz.outMsgs(), varz.inBytes(),
                varz.outBytes(), varz.slowConsumers(), cluster(engine.routeManager()));
    }

    private static @Nullable ClusterDescriptor cluster(@Nullable RouteManager manager) {
        if (manager == null) {
            return null;
        }
        List<RouteDescriptor> routes = new ArrayList<>();
        for (RouteConnection route : manager.routes()) {
            routes.add(new RouteDescriptor((route.remote() != null) ? route.remote().serverId() : null,
                    (route.remote() != null) ? route.remote().serverName() : null, url(route), route.isSolicited(),
                    route.start(), route.inMsgs(), route.outMsgs(), route.subscriptionCount()));
        }
        return new ClusterDescriptor(manager.clusterName(), routes, List.copyOf(manager.clusterClientUrls()));
    }

    private static @Nullable String url(RouteConnection route) {
        if (route.remoteAddress() == null) {
            return null;
        }
        return "nats-route://" + route.remoteAddress().getAddress().getHostAddress() + ":"
                + route.remoteAddress().getPort();
    }

    /**
     * Description of this node.
     *
     * @param serverId server id
     * @param serverName server name
     * @param version nats-server version the engine implements
     * @param port bound client port
     * @param clusterPort bound route port, or {@code null} without a route listener
     * @param monitoringPort bound monitoring port, or {@code null} when monitoring is off
     * @param start when the node started
     * @param uptime how long it has been up, e.g. {@code 2m2s}
     * @param connections open client connections
     * @param totalConnections client connections accepted since start
     * @param subscriptions subscriptions
     * @param inMsgs messages received
     * @param outMsgs messages sent
     * @param inBytes bytes received
     * @param outBytes bytes sent
     * @param slowConsumers slow consumers met
     * @param cluster its cluster, or {@code null} when not clustered
     */
    public record NodeDescriptor(String serverId, String serverName, String version, int port,
            @Nullable Integer clusterPort, @Nullable Integer monitoringPort, Instant start, String uptime,
            int connections, long totalConnections, int subscriptions, long inMsgs, long outMsgs, long inBytes,
            long outBytes, long slowConsumers, @Nullable ClusterDescriptor cluster) {
    }

    /**
     * Description of the node's cluster.
     *
     * @param name cluster name
     * @param routes routes to the peers
     * @param clientUrls client URLs of the whole cluster
     */
    public record ClusterDescriptor(@Nullable String name, List<RouteDescriptor> routes, List<String> clientUrls) {
    }

    /**
     * Description of one route.
     *
     * @param remoteId peer's server id
     * @param remoteName peer's server name
     * @param url peer's address
     * @param solicited whether this node dialled it
     * @param since when the route was set up
     * @param inMsgs messages received over it
     * @param outMsgs messages sent over it
     * @param subscriptions peer's subscriptions known here
     */
    public record RouteDescriptor(@Nullable String remoteId, @Nullable String remoteName, @Nullable String url,
            boolean solicited, Instant since, long inMsgs, long outMsgs, int subscriptions) {
    }

}
