package io.natsboot.autoconfigure;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.TailnetRouteDiscovery;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Maps {@code nats.server.cluster.discovery.tailscale.*} onto the engine: a {@link TailnetRouteDiscovery} among the
 * cluster's discovery sources and, with {@code bind}, the cluster listener's host set to this machine's Tailscale
 * address (asked of the daemon once, at start-up).
 */
final class TailnetDiscoveryMapper {

    private static final String PREFIX = "nats.server.cluster.discovery.tailscale.";

    private TailnetDiscoveryMapper() {
    }

    static void map(NatsServerProperties.Cluster properties, ServerOptions.Cluster cluster, Duration refreshInterval,
            @Nullable RouteCredentials credentials) {
        NatsServerProperties.Tailscale tailscale = properties.getDiscovery().getTailscale();
        if (!tailscale.isEnabled()) {
            if (tailscale.isBind()) {
                throw new InvalidConfigurationPropertyValueException(PREFIX + "bind", true,
                        "binding to the Tailscale address needs " + PREFIX + "enabled=true");
            }
            return;
        }
        int port = (tailscale.getPort() != null) ? tailscale.getPort()
                : (cluster.getPort() > 0) ? cluster.getPort() : ServerOptions.DEFAULT_CLUSTER_PORT;
        if (port <= 0 || port > 65535) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "port", port, "must be between 1 and 65535");
        }
        TailnetRouteDiscovery tailnet = new TailnetRouteDiscovery(socket(tailscale.getSocket()), port,
                tailscale.getTag(), tailscale.getHostPrefix(), tailscale.isIpv6(), refreshInterval);
        if (tailscale.isBind()) {
            bind(properties, cluster, tailnet);
        }
        RouteDiscovery source = (credentials != null) ? credentials.discovery(tailnet) : tailnet;
        cluster.getDiscovery().add(source);
    }

    private static Path socket(@Nullable String socket) {
        if (!StringUtils.hasText(socket)) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "socket", socket,
                    "must be the path of the Tailscale daemon's socket, e.g. /var/run/tailscale/tailscaled.sock");
        }
        try {
            return Path.of(socket.trim());
        }
        catch (InvalidPathException ex) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "socket", socket, ex.getMessage());
        }
    }

    private static void bind(NatsServerProperties.Cluster properties, ServerOptions.Cluster cluster,
            TailnetRouteDiscovery tailnet) {
        if (StringUtils.hasText(properties.getHost())) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "bind", true,
                    "nats.server.cluster.host (" + properties.getHost() + ") is set too; remove one of them");
        }
        try {
            cluster.setHost(tailnet.selfAddress());
        }
        catch (IOException | RuntimeException ex) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "bind", true,
                    "this machine's Tailscale address is not known (" + ex.getMessage() + "); start Tailscale and "
                            + "log in ('tailscale up'), check " + PREFIX + "socket, or set bind=false");
        }
    }

}
