package io.natsboot.server.route;

import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.protocol.route.RouteProtocolEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Tells the peers what this server's clients are interested in: RS+ for the first subscription on a subject (every
 * change of a queue group's weight), RS- for the last, and all of it to a route that joins, before any later
 * change. Thread-safe (one lock orders joins and changes).
 */
final class InterestAnnouncer {

    /** Local interest counts by {@code subject} or {@code subject queue}; guarded by itself. */
    private final Map<String, int[]> localInterest = new LinkedHashMap<>();

    /**
     * A route joins: {@code register} adds it to the route table; if it did, everything local goes out on it before
     * any later change, under the same lock.
     *
     * @return what {@code register} returned
     */
    boolean join(RouteConnection route, BooleanSupplier register) {
        synchronized (localInterest) {
            if (!register.getAsBoolean()) {
                return false;
            }
            for (Map.Entry<String, int[]> e : localInterest.entrySet()) {
                route.send(interestLine(e.getKey(), e.getValue()[0]));
            }
            return true;
        }
    }

    /** A client's subscription came or went: peers learn of the first and last one (and every queue weight). */
    void changed(Subscription sub, boolean added, Collection<RouteConnection> routes) {
        String key = sub.queue() == null ? sub.subject() : sub.subject() + ' ' + sub.queue();
        synchronized (localInterest) {
            int[] count = localInterest.get(key);
            int before = count == null ? 0 : count[0];
            int after = Math.max(0, before + (added ? 1 : -1));
            if (after == 0) {
                localInterest.remove(key);
            } else if (count == null) {
                localInterest.put(key, new int[] {after});
            } else {
                count[0] = after;
            }
            // plain interest is announced on 0 -> 1 and withdrawn on 1 -> 0; queue weight on every change
            boolean announce = sub.queue() != null ? before != after : (before == 0) != (after == 0);
            if (!announce || routes.isEmpty()) {
                return;
            }
            byte[] line = interestLine(key, after);
            for (RouteConnection route : routes) {
                route.send(line);
            }
        }
    }

    private static byte[] interestLine(String key, int count) {
        int space = key.indexOf(' ');
        String subject = space < 0 ? key : key.substring(0, space);
        String queue = space < 0 ? null : key.substring(space + 1);
        ByteBuf buf = Unpooled.buffer(key.length() + 24);
        try {
            if (count > 0) {
                RouteProtocolEncoder.writeRemoteSub(buf, RouteConnection.GLOBAL_ACCOUNT, subject, queue, count);
            } else {
                RouteProtocolEncoder.writeRemoteUnsub(buf, RouteConnection.GLOBAL_ACCOUNT, subject, queue);
            }
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
