package io.natsboot.boot.actuate.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.boot.server.EngineRoutes;
import io.natsboot.server.monitor.Connz;
import io.natsboot.server.monitor.ConnzSort;
import io.natsboot.server.monitor.Monitor;
import io.natsboot.server.monitor.RouteInfo;
import io.natsboot.server.monitor.Routez;
import io.natsboot.server.monitor.Subsz;
import io.natsboot.server.monitor.Varz;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} exposing the embedded NATS node, its cluster and the application's client, read from the
 * engine's monitoring documents. {@code /actuator/nats/connections}, {@code /actuator/nats/routes} and
 * {@code /actuator/nats/subscriptions} serve the documents of nats-server's {@code /connz}, {@code /routez} and
 * {@code /subsz}, with its field names, and take their {@code subs}, {@code offset}, {@code limit}, {@code sort},
 * {@code state} and {@code test} query parameters. Without an embedded node (a client-only application) the root
 * still answers, with the node's fields {@code null} and the client's state.
 *
 * @since 0.1.0
 */
@Endpoint(id = "nats")
public class NatsEndpoint {

    private final @Nullable EmbeddedNatsServer server;

    private final @Nullable EngineRoutes engineRoutes;

    private final Supplier<@Nullable ClientDescriptor> client;

    /**
     * Creates an endpoint for the embedded node alone.
     * @param server the embedded node
     */
    public NatsEndpoint(EmbeddedNatsServer server) {
        this(server, () -> null);
    }

    /**
     * Creates an endpoint for the embedded node, if any, and the application's client, if any.
     * @param server the embedded node, or {@code null} in a client-only application
     * @param client the client's state at the time of asking; supplies {@code null} without a client
     */
    public NatsEndpoint(@Nullable EmbeddedNatsServer server, Supplier<@Nullable ClientDescriptor> client) {
        this.server = server;
        this.engineRoutes = (server != null) ? new EngineRoutes(server) : null;
        this.client = client;
    }

    @ReadOperation
    public NodeDescriptor nats() {
        ClientDescriptor clientState = this.client.get();
        if (this.server == null || this.engineRoutes == null) {
            return new NodeDescriptor(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, clientState);
        }
        Monitor monitor = this.server.getServer().monitor();
        Varz varz = monitor.varz();
        Varz.Cluster cluster = varz.cluster();
        return new NodeDescriptor(varz.serverId(), varz.serverName(), varz.version(), varz.port(),
                (cluster.clusterPort() > 0) ? cluster.clusterPort() : null,
                (varz.httpPort() >= 0) ? varz.httpPort() : null, varz.start(), varz.uptime(), varz.connections(),
                varz.totalConnections(), varz.subscriptions(), varz.inMsgs(), varz.outMsgs(), varz.inBytes(),
                varz.outBytes(), varz.slowConsumers(),
                this.server.getOptions().getCluster().isConfigured()
                        ? cluster(cluster, monitor.routez(false, false), this.engineRoutes) : null,
                clientState);
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
     * @return the document with nats-server's field names, or {@code null} (404) for an unknown name or without an
     * embedded node
     */
    @ReadOperation
    public @Nullable Map<String, Object> monitoring(@Selector String name, @Nullable String subs,
            @Nullable Integer offset, @Nullable Integer limit, @Nullable String sort, @Nullable String state,
            @Nullable String test) {
        if (this.server == null) {
            return null;
        }
        Monitor monitor = this.server.getServer().monitor();
        int from = (offset != null) ? offset : 0;
        int size = (limit != null) ? limit : 0;
        try {
            return switch (name) {
                case "connections" -> monitor.connz(new Connz.Options(sort(sort), isTrue(subs) || isDetail(subs),
                        isDetail(subs), from, size, 0, state(state))).toMap();
                case "routes" -> monitor.routez(isTrue(subs) || isDetail(subs), isDetail(subs)).toMap();
                case "subscriptions" ->
                    monitor.subsz(new Subsz.Options(subs == null || isTrue(subs), from, size, test)).toMap();
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

    private static ClusterDescriptor cluster(Varz.Cluster cluster, Routez routez, EngineRoutes engineRoutes) {
        Map<String, String> names = engineRoutes.peerNames();
        List<RouteDescriptor> routes = new ArrayList<>();
        for (RouteInfo route : routez.routes()) {
            String remoteId = route.remoteId().isEmpty() ? null : route.remoteId();
            String url = route.ip().isEmpty() ? null : "nats-route://" + route.ip() + ":" + route.port();
            routes.add(new RouteDescriptor(remoteId, (remoteId != null) ? names.get(remoteId) : null, url,
                    route.didSolicit(), route.start(), route.inMsgs(), route.outMsgs(), route.numSubs()));
        }
        return new ClusterDescriptor(cluster.name(), routes, engineRoutes.clientUrls(),
                engineRoutes.discoveredSeeds());
    }

    /**
     * Description of this node and the application's client. The node's fields are {@code null} in an application
     * without an embedded node.
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
     * @param client the application's client, or {@code null} without one
     */
    public record NodeDescriptor(@Nullable String serverId, @Nullable String serverName, @Nullable String version,
            @Nullable Integer port, @Nullable Integer clusterPort, @Nullable Integer monitoringPort,
            @Nullable Instant start, @Nullable String uptime, @Nullable Integer connections,
            @Nullable Long totalConnections, @Nullable Integer subscriptions, @Nullable Long inMsgs,
            @Nullable Long outMsgs, @Nullable Long inBytes, @Nullable Long outBytes, @Nullable Long slowConsumers,
            @Nullable ClusterDescriptor cluster, @Nullable ClientDescriptor client) {
    }

    /**
     * State of the application's NATS connection, also while it is not connected.
     *
     * @param status jnats' connection status, e.g. {@code CONNECTED}, {@code RECONNECTING}
     * @param servers the servers it is configured to use ({@code nats.client.servers}), without credentials
     * @param connectedUrl the server it is connected to, or {@code null}
     * @param lastError the last error jnats reported, or {@code null}
     * @param transport {@code in-process} or {@code tcp}: how it reaches (or will reach) its server
     */
    public record ClientDescriptor(String status, List<String> servers, @Nullable String connectedUrl,
            @Nullable String lastError, String transport) {
    }

    /**
     * Description of the node's cluster.
     *
     * @param name cluster name
     * @param routes routes to the peers
     * @param clientUrls client URLs of the whole cluster
     * @param discoveredSeeds the seeds each discovery source found last, by source: {@code tailnet:<socket>} for the
     * Tailscale network's peers, {@code dns:<name>:<port>}, or an application's {@code RouteDiscovery} bean by its
     * {@code toString()}
     */
    public record ClusterDescriptor(@Nullable String name, List<RouteDescriptor> routes, List<String> clientUrls,
            Map<String, List<String>> discoveredSeeds) {
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
