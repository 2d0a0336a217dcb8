package io.natsboot.boot.actuate.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.boot.server.EngineRoutes;
import io.natsboot.server.monitor.Monitor;
import io.natsboot.server.monitor.RouteInfo;
import io.natsboot.server.monitor.Routez;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the embedded node's cluster: UP when it has at least {@code nats.server.cluster.min-routes} routes and
 * every configured seed has answered at least once, {@link #DEGRADED} otherwise, naming the configured seeds it has
 * no route to (the {@code missingSeeds} detail) while they reconnect, and the seeds that were dialled but never
 * answered with why (the {@code unansweredSeeds} detail: a refused connection, a host that does not resolve...).
 * DOWN only when the embedded server is not running. Reads the engine's {@code /routez} and {@code /varz} documents
 * and its cluster snapshot.
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

    /**
     * A configured seed has never answered (a typo, a host that does not resolve, a node that never started); the
     * same code as {@link #DEGRADED}, described differently.
     */
    public static final Status SEED_NEVER_ANSWERED = new Status(DEGRADED.getCode(),
            "A configured seed route has never answered; see unansweredSeeds");

    private final EmbeddedNatsServer server;

    private final EngineRoutes engineRoutes;

    private final int minRoutes;

    public NatsClusterHealthIndicator(EmbeddedNatsServer server, int minRoutes) {
        super("NATS cluster health check failed");
        this.server = server;
        this.engineRoutes = new EngineRoutes(server);
        this.minRoutes = minRoutes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!this.server.isRunning()) {
            builder.down().withDetail("running", false);
            return;
        }
        Monitor monitor = this.server.getServer().monitor();
        Routez routez = monitor.routez(false, false);
        Map<String, String> names = this.engineRoutes.peerNames();
        List<String> peers = new ArrayList<>();
        for (RouteInfo route : routez.routes()) {
            String name = names.get(route.remoteId());
            peers.add((name != null) ? name : route.ip() + ":" + route.port());
        }
        int routes = routez.routes().size();
        Map<String, String> unanswered = this.engineRoutes.unansweredSeeds();
        builder.status((routes < this.minRoutes) ? DEGRADED : unanswered.isEmpty() ? Status.UP : SEED_NEVER_ANSWERED)
            .withDetail("name", String.valueOf(monitor.varz().cluster().name()))
            .withDetail("routes", routes)
            .withDetail("minRoutes", this.minRoutes)
            .withDetail("peers", peers)
            .withDetail("missingSeeds", this.engineRoutes.missingSeeds())
            .withDetail("unansweredSeeds", unanswered);
    }

}
