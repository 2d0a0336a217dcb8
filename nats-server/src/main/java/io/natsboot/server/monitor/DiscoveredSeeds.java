package io.natsboot.server.monitor;

import java.util.List;

/**
 * The seeds one route discovery source answered last. Immutable.
 *
 * @param source the source as it names itself, e.g. {@code dns:orders-headless:6222} or
 *               {@code tailnet:/var/run/tailscale/tailscaled.sock}
 * @param seeds  its seeds as route URLs without credentials, in its order; empty before its first answer
 */
public record DiscoveredSeeds(String source, List<String> seeds) {

    public DiscoveredSeeds {
        seeds = List.copyOf(seeds);
    }
}
