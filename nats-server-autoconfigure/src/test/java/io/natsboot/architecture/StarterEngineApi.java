package io.natsboot.architecture;

import java.util.List;
import java.util.Map;

/**
 * The one list of what the starter (auto-configuration and its runtime types) may use of the engine, nats-server's
 * {@code io.natsboot.server..}: its public server API. An entry ending in {@code ..} allows a whole package (and its
 * sub-packages), any other entry one class and its nested classes. Adjust the names here when the engine's packages
 * move.
 */
final class StarterEngineApi {

    /** Packages of the starter. */
    static final String[] STARTER_PACKAGES = { "io.natsboot.autoconfigure..", "io.natsboot.boot..",
            "io.natsboot.starter.." };

    /** The engine's root package: everything under it is internal unless {@link #ALLOWED} says otherwise. */
    static final String ENGINE = "io.natsboot.server";

    /** The engine's public API, as the starter uses it. */
    static final List<String> ALLOWED = List.of(
            // lifecycle
            "io.natsboot.server.NatsServer",
            // the options model and its one check (OptionsRule), ServerStartException, RouteUrl and RouteDiscovery
            "io.natsboot.server.options..",
            // whether a configured secret is a bcrypt hash (which the app's own client cannot send)
            "io.natsboot.server.auth.Secrets",
            // monitoring documents (immutable snapshots) and the monitor that builds them
            "io.natsboot.server.monitor.Monitor",
            "io.natsboot.server.monitor.Varz",
            "io.natsboot.server.monitor.Connz",
            "io.natsboot.server.monitor.ConnzSort",
            "io.natsboot.server.monitor.ConnInfo",
            "io.natsboot.server.monitor.Routez",
            "io.natsboot.server.monitor.RouteInfo",
            "io.natsboot.server.monitor.Subsz",
            "io.natsboot.server.monitor.SubDetail",
            "io.natsboot.server.monitor.HealthStatus",
            "io.natsboot.server.monitor.ClusterSnapshot",
            "io.natsboot.server.monitor.RouteSnapshot",
            "io.natsboot.server.monitor.SeedStatus",
            "io.natsboot.server.monitor.DiscoveredSeeds",
            // route discovery, which an application may provide as a bean
            "io.natsboot.server.route.DnsRouteDiscovery",
            "io.natsboot.server.route.TailnetRouteDiscovery");

    /**
     * Exceptions until the engine offers snapshots of them: a starter class and the engine classes it may use beyond
     * {@link #ALLOWED}, each with the reason. Empty: every reader goes through the monitor's snapshots.
     */
    static final Map<String, List<String>> PENDING_SNAPSHOTS = Map.of();

    private StarterEngineApi() {
    }

}
