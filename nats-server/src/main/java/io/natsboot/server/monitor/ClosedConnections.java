package io.natsboot.server.monitor;


import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent closed client connections, for {@code /connz?state=closed}: light snapshots taken at close, so a
 * closed connection's channel and buffers are not kept; bounded, thread-safe.
 */
public final class ClosedConnections {

    static final int MAX = 10_000;

    private final ArrayDeque<ConnInfo> closed = new ArrayDeque<>();

    public synchronized void add(ConnInfo connection) {
        if (closed.size() == MAX) {
            closed.removeFirst();
        }
        closed.addLast(connection);
    }

    public synchronized List<ConnInfo> snapshot() {
        return List.copyOf(closed);
    }
}
