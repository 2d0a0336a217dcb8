package io.natsboot.server.monitor;

import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.delivery.ServerStats;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.subject.SubjectTree;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The server as {@link Monitor} reads it: identity, options, counters, subscriptions and connections, nothing it could
 * change. Implemented by the server; every method thread-safe.
 */
public interface ServerView {

    String serverId();

    String serverName();

    /** Whether the server accepts clients (started and not stopped). */
    boolean isRunning();

    /** When the server started, or {@code null} before. */
    Instant startTime();

    ServerOptions options();

    ServerStats stats();

    SubjectTree<Subscription> subjects();

    /** The open client connections, in no particular order. */
    Collection<ClientConnection> clients();

    /** Recently closed client connections as they were when they closed, oldest first. */
    List<ConnInfo> closedClients();

    /** The bound client port. @throws IllegalStateException when the server is not started */
    int port();

    /** The bound monitoring port, or -1 when monitoring is off. */
    int httpPort();

    /** The bound cluster (route) port, or -1 when this server has no route listener. */
    int clusterPort();

    /** The cluster name in effect (a dynamic one may have been replaced by a peer's), or {@code null} unclustered. */
    String clusterName();
}
