package io.natsboot.server.route;

import io.natsboot.server.auth.FirstOpGate;
import io.natsboot.server.protocol.route.RouteProtocolDecoder;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Route auth on one accepted route: the peer must send a CONNECT with the cluster's credentials first and within the
 * auth timeout, anything else is refused, as in nats-server. A dialled route (or a cluster without route auth) is in
 * from the start. Event loop only.
 */
final class RouteLogin {

    // its lines are the route connection's (tests and operators filter on that logger)
    private static final System.Logger LOG = System.getLogger(RouteConnection.class.getName());

    private final RouteConnection route;
    private final Channel channel;
    private final RouteAuth auth;
    /** Whether the peer may send ops: a dialled route, or an accepted one whose CONNECT passed route auth. */
    private boolean authenticated;
    private ScheduledFuture<?> timer;

    RouteLogin(RouteConnection route, Channel channel, RouteAuth auth, boolean solicited) {
        this.route = route;
        this.channel = channel;
        this.auth = auth;
        this.authenticated = solicited || !auth.isRequired();
    }

    /** The route is open: an accepted route under auth gets its timer and first-op gate. */
    void begin() {
        if (!authenticated) {
            timer = channel.eventLoop().schedule(this::timeout, auth.timeout().toNanos(), TimeUnit.NANOSECONDS);
            FirstOpGate.install(channel, channel.pipeline().get(RouteProtocolDecoder.class), this::refusedBeforeConnect);
        }
    }

    private void timeout() {
        timer = null;
        if (authenticated || route.isClosed()) {
            return;
        }
        LOG.log(Level.DEBUG, () -> route.describe() + " - Authentication Timeout");
        route.sendErrAndClose("Authentication Timeout", "Authentication Timeout");
    }

    /** A CONNECT: true when the peer is (now) in, else it has been refused. */
    boolean connect(String user, String pass) {
        if (authenticated) {
            return true;
        }
        if (!auth.accepts(user, pass)) {
            refuse();
            return false;
        }
        authenticated = true;
        cancelTimer();
        return true;
    }

    /** Under route auth an accepted peer must send CONNECT first; true when the op must not be acted on. */
    boolean refusedBeforeConnect() {
        if (route.isClosed()) {
            return true;
        }
        if (authenticated) {
            return false;
        }
        refuse();
        return true;
    }

    private void refuse() {
        LOG.log(Level.ERROR, () -> route.describe() + " - authentication error");
        route.sendErrAndClose("Authorization Violation", "Authentication Failure");
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
