package io.natsboot.server.route;

import io.natsboot.server.monitor.RouteInfo;
import io.natsboot.server.monitor.RouteSource;
import io.natsboot.server.protocol.route.RouteServerInfo;

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
                    r.start(), r.lastActivity(), r.outbound().pendingBytes(), r.inMsgs(), r.outMsgs(),
                    r.inBytes(), r.outBytes(), r.subscriptionCount(), List.of(), now));
        }
        out.sort(Comparator.comparingLong(RouteInfo::rid));
        return out;
    }
}
