package io.natsboot.boot.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.natsboot.server.monitor.ClusterSnapshot;
import io.natsboot.server.monitor.DiscoveredSeeds;
import io.natsboot.server.monitor.RouteSnapshot;
import io.natsboot.server.monitor.SeedStatus;
import org.jspecify.annotations.Nullable;

/**
 * What the starter shows of the embedded node's cluster that the engine's monitoring documents ({@code /varz},
 * {@code /routez}) do not hold: the peers' server names, the cluster's client URLs and the configured seeds this node
 * has no route to or that never answered, read from the engine's immutable {@link ClusterSnapshot}.
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
        ClusterSnapshot cluster = snapshot();
        if (cluster != null) {
            for (RouteSnapshot route : cluster.routes()) {
                if (route.remoteId() != null) {
                    names.put(route.remoteId(), route.remoteName());
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
        ClusterSnapshot cluster = snapshot();
        return (cluster != null) ? cluster.clientUrls() : List.of();
    }

    /**
     * The configured seeds ({@code nats.server.cluster.routes}) that no current route leads to.
     * @return the seeds as route URLs without credentials
     */
    public List<String> missingSeeds() {
        ClusterSnapshot cluster = snapshot();
        return (cluster != null) ? cluster.missingSeeds() : List.of();
    }

    /**
     * The configured seeds that were dialled but have never answered, each with why its last dial failed.
     * @return the reasons by seed URL (without credentials), in the configured order; empty when the node is stopped
     * or not clustered
     */
    public Map<String, String> unansweredSeeds() {
        Map<String, String> reasons = new LinkedHashMap<>();
        ClusterSnapshot cluster = snapshot();
        if (cluster != null) {
            for (SeedStatus seed : cluster.seedsNeverAnswered()) {
                reasons.put(seed.url(), seed.lastError() + " (attempts: " + seed.attempts() + ")");
            }
        }
        return reasons;
    }

    /**
     * The seeds each discovery source answered last, such as {@code tailnet:/var/run/tailscale/tailscaled.sock} for
     * the peers found on the Tailscale network or {@code dns:<name>:<port>}.
     * @return the seed URLs (without credentials) by source, in the order of the sources; empty when the node is
     * stopped or not clustered
     */
    public Map<String, List<String>> discoveredSeeds() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        ClusterSnapshot cluster = snapshot();
        if (cluster != null) {
            for (DiscoveredSeeds source : cluster.discovered()) {
                found.merge(source.source(), source.seeds(), (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                });
            }
        }
        return found;
    }

    private @Nullable ClusterSnapshot snapshot() {
        return this.server.isRunning() ? this.server.getServer().monitor().cluster() : null;
    }

}
