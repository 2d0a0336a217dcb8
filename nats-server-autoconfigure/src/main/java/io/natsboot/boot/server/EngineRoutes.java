package io.natsboot.boot.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.route.RouteUrl;
import org.jspecify.annotations.Nullable;

/**
 * What the starter shows of the embedded node's cluster that the engine's monitoring documents ({@code /varz},
 * {@code /routez}) do not hold: the peers' server names, the cluster's client URLs and the configured seeds this node
 * has no route to. The only starter class that reads the engine's live route objects; it goes once the engine offers
 * snapshots of these.
 *
 * @since 0.1.0
 */
public final class EngineRoutes {

    private final EmbeddedNatsServer server;

    /**
     * Creates a view of one node's routes.
     * @param server the embedded node
     */
    public EngineRoutes(EmbeddedNatsServer server) {
        this.server = server;
    }

    /**
     * The peers' server names by server id.
     * @return the names, empty when the node is stopped or not clustered
     */
    public Map<String, String> peerNames() {
        Map<String, String> names = new LinkedHashMap<>();
        RouteManager manager = manager();
        if (manager != null) {
            for (RouteConnection route : manager.routes()) {
                if (route.remote() != null) {
                    names.put(route.remote().serverId(), route.remote().serverName());
                }
            }
        }
        return names;
    }

    /**
     * This node's client URLs followed by its peers', as clients hear of them.
     * @return the URLs as {@code host:port}, empty when the node is stopped or not clustered
     */
    public List<String> clientUrls() {
        RouteManager manager = manager();
        return (manager != null) ? List.copyOf(manager.clusterClientUrls()) : List.of();
    }

    /**
     * The configured seeds ({@code nats.server.cluster.routes}) that no current route leads to.
     * @return the seeds as route URLs without credentials
     */
    public List<String> missingSeeds() {
        RouteManager manager = manager();
        List<RouteConnection> routes = (manager != null) ? manager.routes() : List.of();
        List<String> missing = new ArrayList<>();
        for (String seed : this.server.getOptions().getCluster().getRoutes()) {
            RouteUrl url = RouteUrl.parse(seed);
            if (routes.stream().noneMatch((route) -> leadsTo(route, url))) {
                missing.add(url.toString());
            }
        }
        return missing;
    }

    private @Nullable RouteManager manager() {
        return this.server.isRunning() ? this.server.getServer().routeManager() : null;
    }

    private static boolean leadsTo(RouteConnection route, RouteUrl url) {
        if (route.remote() != null && route.remote().port() == url.port()
                && sameHost(route.remote().host(), url.host())) {
            return true;
        }
        InetSocketAddress address = route.remoteAddress();
        return address != null && address.getPort() == url.port()
                && sameHost(address.getAddress().getHostAddress(), url.host());
    }

    private static boolean sameHost(@Nullable String a, @Nullable String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equalsIgnoreCase(b) || isAny(a) || isAny(b)) {
            return true;
        }
        try {
            InetAddress x = InetAddress.getByName(a);
            InetAddress y = InetAddress.getByName(b);
            return x.equals(y) || (x.isLoopbackAddress() && y.isLoopbackAddress());
        }
        catch (Exception ex) {
            return false;
        }
    }

    // a peer listening on every interface may be any of this machine's addresses
    private static boolean isAny(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
    }

}
