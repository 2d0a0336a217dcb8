package io.natsboot.server.delivery;

import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.connection.Outbound;

/**
 * A connection that holds local subscriptions and so receives messages (today a client; leaf nodes later), as the
 * {@link MessageRouter} sees it. A publisher is a receiver too: it may get its own messages back (echo), the
 * no-responders status, and be stalled while a receiver drains. Peers across routes are {@link RouteLink}s instead.
 */
public interface Receiver {

    /** The connection's id, unique among this server's connections (the cid of /connz and /subsz). */
    long cid();

    /** Where this connection's outgoing messages queue. Any thread. */
    Outbound outbound();

    /** Whether it wants its own messages back (CONNECT {@code echo}). */
    boolean echo();

    /** Whether it asked for the no-responders status on a request nobody takes (CONNECT {@code no_responders}). */
    boolean noResponders();

    /** Whether it reads HMSG; without, a message with headers reaches it as a MSG of the payload alone. */
    boolean headersEnabled();

    /** The permissions at work on what it receives, or {@code null} when it may receive everything. Any thread. */
    PermissionGuard permissionGuard();

    /** {@code congested}, a receiver of its messages, fell behind: stop reading from this publisher for a while. */
    void stallProducer(Outbound congested);

    /** Ends one of its subscriptions (auto-unsubscribe limit reached). Any thread; idempotent. */
    void removeSubscription(Subscription sub);
}
