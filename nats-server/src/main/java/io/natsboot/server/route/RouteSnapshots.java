package io.natsboot.server.route;

import io.natsboot.server.monitor.ClusterSnapshot;
import io.natsboot.server.monitor.RouteInfo;
import io.natsboot.server.monitor.RouteSnapshot;
import io.natsboot.server.monitor.SeedStatus;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.monitor.RouteSource;
import io.natsboot.server.protocol.route.RouteServerInfo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** The routes of a server as /routez shows them; reads the current {@link RouteManager}, if any. Thread-safe. */
public final class RouteSnapshots implements RouteSource {

    private final Supplier<RouteManager> manager;

    public RouteSnapshots(Supplier<RouteManager> manager) {
        this.manager = manager;
    }

    @Override
    public List<RouteInfo> routes(Instant now, boolean withSubs) {
        RouteManager m = manager.get();
        if (m == null) {
            return List.of();
        }
        List<RouteInfo> out = new ArrayList<>();
        for (RouteConnection r : m.routes()) {
            RouteServerInfo peer = r.remote();
            InetSocketAddress addr = r.remoteAddress();
            out.add(RouteInfo.of(r.id(), peer == null ? "" : peer.serverId(), r.isSolicited(),
                    r.isSolicited() && m.isConfigured(r.solicitedUrl()),
                    addr == null ? "" : addr.getAddress().getHostAddress(), addr == null ? 0 : addr.getPort(),
                    r.start(), r.lastActivity(now), r.rttNanos(), r.outbound().pendingBytes(), r.inMsgs(), r.outMsgs(),
                    r.inBytes(), r.outBytes(), r.subscriptionCount(), List.of(), now));
        }
        out.sort(Comparator.comparingLong(RouteInfo::rid));
        return out;
    }

    @Override
    public ClusterSnapshot cluster() {
        RouteManager m = manager.get();
        if (m == null) {
            return null;
        }
        List<RouteSnapshot> routes = new ArrayList<>();
        for (RouteConnection r : m.routes()) {
            routes.add(snapshot(r));
        }
        routes.sort(Comparator.comparingLong(RouteSnapshot::rid));
        List<String> missing = new ArrayList<>();
        List<SeedStatus> seeds = new ArrayList<>();
        for (String seed : m.options().getCluster().getRoutes()) {
            RouteUrl url = RouteUrl.parse(seed);
            if (m.isOwn(url)) {
                continue; // the shared seed list names this node too
            }
            boolean routed = routes.stream().anyMatch(r -> leadsTo(r, url));
            if (!routed) {
                missing.add(url.toString());
            }
            DialRecords.Snapshot dials = m.dialRecords().snapshot(url);
            seeds.add(new SeedStatus(url.toString(), dials.established() || routed, dials.attempts(),
                    dials.lastError()));
        }
        return new ClusterSnapshot(m.clusterName(), routes, m.clusterClientUrls(), missing, seeds, m.discovered());
    }

    private static RouteSnapshot snapshot(RouteConnection r) {
        RouteServerInfo peer = r.remote();
        InetSocketAddress addr = r.remoteAddress();
        return new RouteSnapshot(r.id(), peer == null ? null : peer.serverId(),
                peer == null ? null : peer.serverName(), peer == null ? null : peer.host(),
                peer == null ? 0 : peer.port(), addr == null ? null : addr.getAddress().getHostAddress(),
                addr == null ? 0 : addr.getPort(), r.isSolicited(), r.start(), r.inMsgs(), r.outMsgs(),
                r.subscriptionCount());
    }

    /** Whether a route reaches the seed {@code url}: by the host and port its peer announced, or its socket's. */
    private static boolean leadsTo(RouteSnapshot route, RouteUrl url) {
        if (route.remoteHost() != null && route.remotePort() == url.port() && sameHost(route.remoteHost(), url.host())) {
            return true;
        }
        return route.ip() != null && route.port() == url.port() && sameHost(route.ip(), url.host());
    }

    private static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equalsIgnoreCase(b) || isAny(a) || isAny(b)) {
            return true;
        }
        try {
            InetAddress x = InetAddress.getByName(a);
            InetAddress y = InetAddress.getByName(b);
            return x.equals(y) || (x.isLoopbackAddress() && y.isLoopbackAddress());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isAny(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
    }
}
