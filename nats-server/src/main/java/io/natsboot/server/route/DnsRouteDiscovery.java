package io.natsboot.server.route;

import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seeds from DNS: every address of one name, each at the same cluster port, resolved again every refresh (a
 * Kubernetes headless service, or a name with several A/AAAA records). A name that does not resolve yields no seeds.
 */
public final class DnsRouteDiscovery implements RouteDiscovery {

    private final String name;
    private final int port;
    private final Duration refreshInterval;

    public DnsRouteDiscovery(String name, int port, Duration refreshInterval) {
        this.name = Objects.requireNonNull(name, "name");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("cluster port of DNS discovery out of range: " + port);
        }
        this.port = port;
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    }

    @Override
    public List<RouteUrl> seeds() {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return List.of();
        }
        List<RouteUrl> seeds = new ArrayList<>(addresses.length);
        for (InetAddress a : addresses) {
            seeds.add(new RouteUrl(a.getHostAddress(), port, null, null));
        }
        return seeds;
    }

    @Override
    public Duration refreshInterval() {
        return refreshInterval;
    }

    @Override
    public String toString() {
        return "dns:" + name + ":" + port;
    }
}
