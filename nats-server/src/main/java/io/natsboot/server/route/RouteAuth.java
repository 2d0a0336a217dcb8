package io.natsboot.server.route;

import io.natsboot.server.ServerOptions;
import io.natsboot.server.auth.Secrets;

import java.time.Duration;

/**
 * Route authentication ({@code cluster { authorization { user, password, timeout } }}): when a cluster user is set,
 * an accepted route must send a CONNECT with that user and password first, within the timeout. Immutable.
 */
final class RouteAuth {

    private static final Duration TLS_EXTRA = Duration.ofSeconds(1);

    private final String user;
    private final String password;
    private final Duration timeout;

    RouteAuth(ServerOptions options) {
        ServerOptions.Cluster cluster = options.getCluster();
        this.user = cluster.getUser();
        this.password = cluster.getPassword() == null ? "" : cluster.getPassword();
        Duration explicit = cluster.getAuthTimeout();
        if (explicit != null) {
            this.timeout = explicit;
        } else if (cluster.getTls().isConfigured() && cluster.getTls().getTimeout() != null) {
            this.timeout = cluster.getTls().getTimeout().plus(TLS_EXTRA);
        } else {
            this.timeout = options.getAuthTimeout();
        }
    }

    /** Whether accepted routes must authenticate (and the route INFO says {@code auth_required}). */
    boolean isRequired() {
        return user != null && !user.isEmpty();
    }

    Duration timeout() {
        return timeout;
    }

    /** Whether a route CONNECT's credentials match (bcrypt or plain password, compared in constant time). */
    boolean accepts(String connectUser, String connectPass) {
        if (!isRequired()) {
            return true;
        }
        boolean userOk = Secrets.constantTimeEquals(user, connectUser == null ? "" : connectUser);
        return Secrets.matches(password, connectPass) & userOk;
    }
}
