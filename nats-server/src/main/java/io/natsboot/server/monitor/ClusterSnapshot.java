package io.natsboot.server.monitor;

import java.util.List;

/**
 * A server's cluster as it was when read. Immutable.
 *
 * @param name         the cluster name in effect
 * @param routes       the registered routes, one per peer, by route id
 * @param clientUrls   this server's client URLs followed by its peers' (INFO {@code connect_urls})
 * @param missingSeeds the configured seed routes that no registered route leads to
 */
public record ClusterSnapshot(String name, List<RouteSnapshot> routes, List<String> clientUrls,
                              List<String> missingSeeds) {

    public ClusterSnapshot {
        routes = List.copyOf(routes);
        clientUrls = List.copyOf(clientUrls);
        missingSeeds = List.copyOf(missingSeeds);
    }
}
