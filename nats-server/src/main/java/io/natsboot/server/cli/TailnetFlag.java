package io.natsboot.server.cli;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.TailnetRouteDiscovery;

import java.time.Duration;

/**
 * {@code --natsboot_tailnet}: tailnet discovery with its defaults, unless the config file's
 * {@code natsboot { tailnet { ... } }} block already set it up (then the block's settings stand). Applied after
 * all other flags, as the seeds' port is this node's cluster port, which {@code --cluster} may set.
 */
final class TailnetFlag {

    private TailnetFlag() {
    }

    static void applyTo(ServerOptions options) {
        ServerOptions.Cluster cluster = options.getCluster();
        if (cluster.getDiscovery().stream().anyMatch(TailnetRouteDiscovery.class::isInstance)) {
            return;
        }
        int port = cluster.getPort() > 0 ? cluster.getPort() : ServerOptions.DEFAULT_CLUSTER_PORT;
        cluster.getDiscovery().add(new TailnetRouteDiscovery(TailnetRouteDiscovery.DEFAULT_SOCKET, port, null, null,
                false, Duration.ofSeconds(10)));
    }
}
