package io.natsboot.autoconfigure.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.natsboot.autoconfigure.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.json.JsonReader;
import io.natsboot.server.monitor.Connz;
import io.natsboot.server.monitor.ConnzSort;
import io.natsboot.server.monitor.Monitor;
import io.natsboot.server.monitor.Subsz;
import io.natsboot.server.monitor.Varz;
import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.route.RouteSnapshots;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} exposing the embedded NATS node and its cluster, read from the engine's monitoring
 * snapshots. {@code /actuator/nats/connections}, {@code /actuator/nats/routes} and
 * {@code /actuator/nats/subscriptions} serve the documents of nats-server's {@code /connz}, {@code /routez} and
 * {@code /subsz}, with its field names, and take their {@code subs}, {@code offset}, {@code limit}, {@code sort},
 * {@code state} and {@code test} query parameters.
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

    /**
     * nats-server's monitoring document for {@code connections} ({@code /connz}), {@code routes} ({@code /routez}) or
     * {@code subscriptions} ({@code /subsz}).
     * @param name which document
     * @param subs {@code 1}/{@code true} to list subscriptions, {@code detail} for details (connections and routes);
     * the subscriptions document lists them unless {@code 0}/{@code false}
     * @param offset first item of the page
     * @param limit page size
     * @param sort order of connections, as nats-server's {@code sort} (e.g. {@code cid}, {@code msgs_to})
     * @param state {@code open} (default), {@code closed} or {@code all} connections
     * @param test a literal subject: only the subscriptions it would be delivered to
     * @return the document with nats-server's field names, or {@code null} (404) for an unknown name
     */
    @ReadOperation
    public @Nullable Map<String, Object> monitoring(@Selector String name, @Nullable String subs,
            @Nullable Integer offset, @Nullable Integer limit, @Nullable String sort, @Nullable String state,
            @Nullable String test) {
        NatsServer engine = this.server.getServer();
        Monitor monitor = new Monitor(engine, new RouteSnapshots(engine::routeManager));
        int from = (offset != null) ? offset : 0;
        int size = (limit != null) ? limit : 0;
        try {
            return switch (name) {
                case "connections" -> JsonReader.parseObject(monitor.connz(new Connz.Options(sort(sort),
                        isTrue(subs) || isDetail(subs), isDetail(subs), from, size, 0, state(state))).toJson());
                case "routes" -> JsonReader.parseObject(monitor.routez(isTrue(subs) || isDetail(subs), isDetail(subs))
                    .toJson());
                case "subscriptions" -> {
                    Subsz subsz = monitor.subsz(new Subsz.Options(subs == null || isTrue(subs), from, size, test));
                    yield JsonReader.parseObject(subsz.subscriptions().isEmpty() ? subsz.statsJson() : subsz.toJson());
                }
                default -> null;
            };
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
        }
    }

    private static boolean isTrue(@Nullable String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private static boolean isDetail(@Nullable String value) {
        return "detail".equalsIgnoreCase(value);
    }

    private static ConnzSort sort(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            return ConnzSort.CID;
        }
        ConnzSort sort = ConnzSort.of(key);
        if (sort == null) {
            throw new IllegalArgumentException("invalid sorting option: " + key);
        }
        return sort;
    }

    private static Connz.State state(@Nullable String state) {
        if (state == null || state.isEmpty() || state.equalsIgnoreCase("open")) {
            return Connz.State.OPEN;
        }
        if (state.equalsIgnoreCase("closed")) {
            return Connz.State.CLOSED;
        }
        if (state.equalsIgnoreCase("all") || state.equalsIgnoreCase("any")) {
            return Connz.State.ALL;
        }
        throw new IllegalArgumentException("invalid state option: " + state);
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
