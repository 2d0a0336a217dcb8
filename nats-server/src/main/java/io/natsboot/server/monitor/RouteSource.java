package io.natsboot.server.monitor;

import java.time.Instant;
import java.util.List;

/** Where {@link Monitor} finds the server's routes; implemented by whatever owns them, thread-safe. */
@FunctionalInterface
public interface RouteSource {

    /** A server without routes. */
    RouteSource NONE = (now, withSubs) -> List.of();

    /**
     * The current routes, their uptime and idle time measured to {@code now}; their subscriptions only when
     * {@code withSubs}.
     */
    List<RouteInfo> routes(Instant now, boolean withSubs);

    /** The cluster as it is now, or {@code null} when the server is not clustered. */
    default ClusterSnapshot cluster() {
        return null;
    }
}
