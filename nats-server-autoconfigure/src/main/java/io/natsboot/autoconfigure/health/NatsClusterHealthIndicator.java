package io.natsboot.autoconfigure.health;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.natsboot.autoconfigure.EmbeddedNatsServer;
import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.options.RouteUrl;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the embedded node's cluster: UP when it has at least {@code nats.server.cluster.min-routes} routes,
 * {@link #DEGRADED} otherwise, naming the configured seeds it has no route to (the {@code missingSeeds} detail) while
 * they reconnect. DOWN only when the embedded server is not running.
 * <p>
 * How Boot 4 treats {@code DEGRADED}: the default status aggregator ({@code SimpleStatusAggregator}, order
 * {@code DOWN, OUT_OF_SERVICE, UP, UNKNOWN}) ignores codes that are not in its order, so a degraded cluster does not
 * change the aggregate: the {@code nats} component and the application's overall health stay UP (HTTP 200) when
 * everything else is UP, and {@code cluster} shows {@code DEGRADED} with its details. To let it count, add it to the
 * order, e.g. {@code management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown} (and map it
 * with {@code management.endpoint.health.status.http-mapping.degraded} for a non-200 code).
 *
 * @since 0.1.0
 */
public class NatsClusterHealthIndicator extends AbstractHealthIndicator {

    /** Fewer routes than {@code nats.server.cluster.min-routes}: the node works, missing peers are named. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "Fewer cluster routes than nats.server.cluster.min-routes; missing peers are reconnecting");

    private final EmbeddedNatsServer server;

    private final int minRoutes;

    public NatsClusterHealthIndicator(EmbeddedNatsServer server, int minRoutes) {
        super("NATS cluster health check failed");
        this.server = server;
        this.minRoutes = minRoutes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        RouteManager manager = this.server.isRunning() ? this.server.getServer().routeManager() : null;
        if (manager == null) {
            builder.down().withDetail("running", false);
            return;
        }
        List<RouteConnection> routes = manager.routes();
        List<String> peers = new ArrayList<>();
        for (RouteConnection route : routes) {
            peers.add((route.remote() != null) ? route.remote().serverName() : String.valueOf(route.remoteAddress()));
        }
        List<String> missing = new ArrayList<>();
        for (String seed : this.server.getOptions().getCluster().getRoutes()) {
            RouteUrl url = RouteUrl.parse(seed);
            if (routes.stream().noneMatch((route) -> leadsTo(route, url))) {
                missing.add(url.toString());
            }
        }
        builder.status((routes.size() >= this.minRoutes) ? Status.UP : DEGRADED)
            .withDetail("name", String.valueOf(manager.clusterName()))
            .withDetail("routes", routes.size())
            .withDetail("minRoutes", this.minRoutes)
            .withDetail("peers", peers)
            .withDetail("missingSeeds", missing);
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

    private static boolean sameHost(String a, String b) {
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
