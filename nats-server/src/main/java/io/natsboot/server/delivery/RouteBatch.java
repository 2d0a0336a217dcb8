package io.natsboot.server.delivery;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes one message goes to, each with the queue groups whose member on that peer was chosen: the router sends
 * one RMSG per route, whatever matched there. Made per message, only when remote interest and a queue group matched
 * (with plain interest alone the router forwards to each route directly).
 */
final class RouteBatch {

    private final List<RouteLink> links = new ArrayList<>(2);
    private final List<List<String>> queues = new ArrayList<>(2);

    void plain(RouteLink link) {
        indexOf(link);
    }

    void queue(RouteLink link, String queue) {
        int i = indexOf(link);
        List<String> q = queues.get(i);
        if (q == null) {
            q = new ArrayList<>(2);
            queues.set(i, q);
        }
        q.add(queue);
    }

    /** Sends the message on every route; returns how many. */
    int forward(byte[] subject, byte[] replyTo, int headerSize, ByteBuf message) {
        for (int i = 0; i < links.size(); i++) {
            List<String> q = queues.get(i);
            links.get(i).forward(subject, replyTo, q == null ? List.of() : q, headerSize, message);
        }
        return links.size();
    }

    private int indexOf(RouteLink link) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i) == link) {
                return i;
            }
        }
        links.add(link);
        queues.add(null);
        return links.size() - 1;
    }
}
