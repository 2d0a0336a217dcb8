package io.natsboot.server.monitor;

import java.util.List;

/**
 * A server's cluster as it was when read. Immutable.
 *
 * @param name         the cluster name in effect
 * @param routes       the registered routes, one per peer, by route id
 * @param clientUrls   this server's client URLs followed by its peers' (INFO {@code connect_urls})
 * @param missingSeeds the configured seed routes that no registered route leads to (never this server's own URL)
 * @param seeds        how the dialling of each configured seed went (this server's own URL left out), in the
 *                     configured order
 * @param discovered   what each route discovery source (DNS, tailnet, the application's) answered last, in the
 *                     order the sources were configured
 */
public record ClusterSnapshot(String name, List<RouteSnapshot> routes, List<String> clientUrls,
                              List<String> missingSeeds, List<SeedStatus> seeds, List<DiscoveredSeeds> discovered) {

    public ClusterSnapshot {
        routes = List.copyOf(routes);
        clientUrls = List.copyOf(clientUrls);
        missingSeeds = List.copyOf(missingSeeds);
        seeds = List.copyOf(seeds);
        discovered = List.copyOf(discovered);
    }

    /** The configured seeds that have never answered, though dialled. */
    public List<SeedStatus> seedsNeverAnswered() {
        return seeds.stream().filter(SeedStatus::neverAnswered).toList();
    }
}
