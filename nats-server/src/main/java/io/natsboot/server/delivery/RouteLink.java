package io.natsboot.server.delivery;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * A route to a peer server as the router sees it: where a message goes when that peer has interest. Implemented by
 * the route connection; thread-safe.
 */
public interface RouteLink {

    /** The route's id, unique among this server's connections (shown as the cid of its remote interest). */
    long id();

    /**
     * Queues one RMSG (or HMSG when {@code headerSize >= 0}) for the peer. Any thread.
     *
     * @param queues the queue groups whose member on that peer was chosen; empty when only plain interest matched
     */
    void forward(byte[] subject, byte[] replyTo, List<String> queues, int headerSize, ByteBuf message);
}
