package io.natsboot.server.monitor;

import java.time.Instant;

/**
 * One route as it was when read: who the peer is and what went over it. Immutable, so it can be shown or compared
 * after the route itself has gone.
 *
 * @param rid          the route's id among this server's connections
 * @param remoteId     the peer's server id, or {@code null} before its INFO arrived
 * @param remoteName   the peer's server name, or {@code null} before its INFO arrived
 * @param remoteHost   the host the peer announced in its INFO, or {@code null}
 * @param remotePort   the port the peer announced in its INFO, or 0
 * @param ip           the address of the socket's other end, or {@code null} when unknown
 * @param port         the port of the socket's other end, or 0
 * @param solicited    whether this server dialled the route
 * @param start        when the route was set up
 * @param inMsgs       messages received from the peer
 * @param outMsgs      messages forwarded to the peer
 * @param subscriptions the peer's interest held for it (RS+ entries)
 */
public record RouteSnapshot(long rid, String remoteId, String remoteName, String remoteHost, int remotePort,
                            String ip, int port, boolean solicited, Instant start, long inMsgs, long outMsgs,
                            int subscriptions) {

    /** {@code nats-route://ip:port} of the socket's other end, or {@code null} when unknown. */
    public String url() {
        return ip == null ? null : "nats-route://" + ip + ":" + port;
    }
}
