package io.natsboot.server.config;

import io.natsboot.server.options.GoDuration;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.TailnetRouteDiscovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The top-level {@code natsboot { ... }} block: natsboot's own settings, which nats-server does not have. They live
 * under one name of their own so that no future nats-server option can clash with them (nats-server itself refuses
 * the block as an unknown field). Today it holds {@code tailnet { ... }}: seed routes from the local Tailscale daemon.
 *
 * <pre>
 * natsboot {
 *   tailnet {
 *     enabled: true                               # implied by the block's presence
 *     socket: "/var/run/tailscale/tailscaled.sock"
 *     tag: "tag:nats"                             # only peers with this ACL tag
 *     host_prefix: "orders-"                      # only peers whose host name starts with this
 *     port: 6222                                  # the peers' cluster port; default: this node's
 *     ipv6: false
 *     refresh_interval: "10s"
 *   }
 * }
 * </pre>
 */
final class NatsbootBlock {

    private NatsbootBlock() {
    }

    /** Applies the block; called once the rest of the file is read, as the seeds' port defaults to the cluster's. */
    static void apply(ConfigEntry block, ServerOptions options) {
        for (ConfigEntry e : ConfigFileOptions.map(block).entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            if (key.equals("tailnet")) {
                TailnetRouteDiscovery tailnet = tailnet(e, options.getCluster().getPort());
                if (tailnet != null) {
                    options.getCluster().getDiscovery().add(tailnet);
                }
            } else if (!e.isReferenced()) {
                throw ConfigFileOptions.fail(e, "unknown field \"" + e.key() + "\" in the natsboot block "
                        + "(it knows: tailnet)");
            }
        }
    }

    private static TailnetRouteDiscovery tailnet(ConfigEntry block, int clusterPort) {
        boolean enabled = true;
        Path socket = TailnetRouteDiscovery.DEFAULT_SOCKET;
        String tag = null;
        String hostPrefix = null;
        int port = defaultSeedPort(clusterPort);
        boolean ipv6 = false;
        Duration refresh = Duration.ofSeconds(10);
        for (ConfigEntry e : ConfigFileOptions.map(block).entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "enabled" -> enabled = ConfigFileOptions.bool(e);
                case "socket" -> socket = Path.of(ConfigFileOptions.string(e));
                case "tag" -> tag = ConfigFileOptions.string(e);
                case "host_prefix" -> hostPrefix = ConfigFileOptions.string(e);
                case "port" -> port = port(e);
                case "ipv6" -> ipv6 = ConfigFileOptions.bool(e);
                case "refresh_interval" -> refresh = refresh(e);
                default -> {
                    if (!e.isReferenced()) {
                        throw ConfigFileOptions.fail(e, "unknown field \"" + e.key() + "\" in natsboot.tailnet "
                                + "(it knows: enabled, socket, tag, host_prefix, port, ipv6, refresh_interval)");
                    }
                }
            }
        }
        return enabled ? new TailnetRouteDiscovery(socket, port, tag, hostPrefix, ipv6, refresh) : null;
    }

    /** The seeds' port when none is given: this node's cluster port, or nats-server's default when it has none. */
    static int defaultSeedPort(int clusterPort) {
        return clusterPort > 0 ? clusterPort : ServerOptions.DEFAULT_CLUSTER_PORT;
    }

    private static int port(ConfigEntry e) {
        if (e.value().type() != ConfigValue.Type.INTEGER || e.value().asLong() < 1 || e.value().asLong() > 65535) {
            throw ConfigFileOptions.fail(e, "invalid value for \"port\" in natsboot.tailnet: expected a port "
                    + "from 1 to 65535, found " + e.value().describe());
        }
        return (int) e.value().asLong();
    }

    private static Duration refresh(ConfigEntry e) {
        Duration d;
        try {
            d = GoDuration.parse(ConfigFileOptions.string(e));
        } catch (IllegalArgumentException ex) {
            throw ConfigFileOptions.fail(e, "invalid value for \"refresh_interval\" in natsboot.tailnet: "
                    + ex.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw ConfigFileOptions.fail(e, "\"refresh_interval\" in natsboot.tailnet must be positive, e.g. \"10s\"");
        }
        return d;
    }
}
