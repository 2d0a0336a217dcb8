package io.natsboot.server;

import io.natsboot.server.client.ClientConnection;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent closed client connections, for {@code /connz?state=closed}; bounded, thread-safe. */
final class ClosedConnections {

    static final int MAX = 10_000;

    private final ArrayDeque<ClientConnection> closed = new ArrayDeque<>();

    synchronized void add(ClientConnection connection) {
        if (closed.size() == MAX) {
            closed.removeFirst();
        }
        closed.addLast(connection);
    }

    synchronized List<ClientConnection> snapshot() {
        return List.copyOf(closed);
    }
}
