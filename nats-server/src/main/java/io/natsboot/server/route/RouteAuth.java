package io.natsboot.server.route;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.auth.Secrets;
import io.natsboot.server.tls.TlsDefaults;

import java.time.Duration;

/**
 * Route authentication ({@code cluster { authorization { user, password, timeout } }}): when a cluster user is set,
 * an accepted route must send a CONNECT with that user and password first, within the timeout. Immutable.
 */
final class RouteAuth {

    private final String user;
    private final String password;
    private final Duration timeout;

    RouteAuth(ServerOptions options) {
        ServerOptions.Cluster cluster = options.getCluster();
        this.user = cluster.getUser();
        this.password = cluster.getPassword() == null ? "" : cluster.getPassword();
        Duration explicit = cluster.getAuthTimeout();
        this.timeout = explicit != null ? explicit : TlsDefaults.authTimeout(cluster.getTls(), options.getAuthTimeout());
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
