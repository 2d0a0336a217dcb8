package io.natsboot.server;

import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClientServices;
import io.natsboot.server.client.ClosedReason;
import io.natsboot.server.delivery.MessageRouter;
import io.natsboot.server.delivery.ServerStats;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.monitor.ClosedConnections;
import io.natsboot.server.monitor.ConnInfo;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.subject.SubjectTree;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server as its client connections see it: the shared subject tree, router and counters, the open and recently
 * closed clients, the authenticator, and the cluster to tell of interest. The server has one; a test world that
 * builds connections by hand can have its own. Thread-safe.
 */
public final class ServerServices implements ClientServices {

    private final ServerOptions options;
    private final SubjectTree<Subscription> subjects = new SubjectTree<>();
    private final ServerStats stats = new ServerStats();
    private final MessageRouter router;
    private final Map<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final ClosedConnections closedClients = new ClosedConnections();
    private final Function<ClientConnection, String> info;
    private final Supplier<RouteManager> routes;
    private volatile Authenticator authenticator;
    private volatile Executor credentialChecks;
    private volatile boolean stopped;

    /**
     * @param info   the INFO JSON a connection is sent
     * @param routes the cluster, or a supplier of {@code null} while there is none
     */
    public ServerServices(ServerOptions options, Function<ClientConnection, String> info,
                          Supplier<RouteManager> routes) {
        this.options = options;
        this.router = new MessageRouter(subjects, stats);
        this.info = info;
        this.routes = routes;
    }

    /** Sets how CONNECTs are checked; {@code credentialChecks} runs the slow (bcrypt) ones. Before any client. */
    public void useAuthenticator(Authenticator authenticator, Executor credentialChecks) {
        this.authenticator = authenticator;
        this.credentialChecks = credentialChecks;
    }

    /** From now on new clients are refused (the server is going down). */
    public void stop() {
        stopped = true;
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public SubjectTree<Subscription> subjects() {
        return subjects;
    }

    @Override
    public MessageRouter router() {
        return router;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public Authenticator authenticator() {
        Authenticator a = authenticator;
        return a != null ? a : ClientServices.super.authenticator();
    }

    @Override
    public Executor credentialChecks() {
        Executor e = credentialChecks;
        return e != null ? e : ClientServices.super.credentialChecks();
    }

    @Override
    public String infoJson(ClientConnection connection) {
        return info.apply(connection);
    }

    @Override
    public void localInterestChanged(Subscription sub, boolean added) {
        RouteManager manager = routes.get();
        if (manager != null) {
            manager.localInterestChanged(sub, added);
        }
    }

    @Override
    public boolean register(ClientConnection connection) {
        if (stopped) {
            return false;
        }
        // as nats-server, a client refused for max_connections still counts in total_connections
        stats.totalConnections.incrementAndGet();
        if (clients.size() >= options.getMaxConnections()) {
            return false;
        }
        clients.put(connection.cid(), connection);
        return true;
    }

    @Override
    public void connectionClosed(ClientConnection connection) {
        // a refused client was never registered, yet nats-server lists it in /connz?state=closed
        if (clients.remove(connection.cid(), connection)
                || connection.closedReason() == ClosedReason.MAX_CONNECTIONS_EXCEEDED) {
            closedClients.add(ConnInfo.closed(connection));
        }
    }

    /** The open client connections, in no particular order. */
    public Collection<ClientConnection> clients() {
        return List.copyOf(clients.values());
    }

    /** Recently closed client connections as they were when they closed, oldest first. */
    public List<ConnInfo> closedClients() {
        return closedClients.snapshot();
    }
}
