package io.natsboot.server.monitor;

import io.natsboot.server.json.FieldWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One route as {@code /routez} shows it, taken at one instant; immutable.
 *
 * @param rid          {@code rid}: the route's connection id
 * @param remoteId     {@code remote_id}: the peer's server id
 * @param didSolicit   {@code did_solicit}: this server dialled it
 * @param isConfigured {@code is_configured}: it came from the configured route list, not gossip
 * @param ip           {@code ip}
 * @param port         {@code port}
 * @param start        {@code start}
 * @param lastActivity {@code last_activity}
 * @param rtt          {@code rtt}, a Go duration string; omitted when empty
 * @param uptime       {@code uptime}
 * @param idle         {@code idle}
 * @param pendingSize  {@code pending_size}
 * @param inMsgs       {@code in_msgs}
 * @param outMsgs      {@code out_msgs}
 * @param inBytes      {@code in_bytes}
 * @param outBytes     {@code out_bytes}
 * @param numSubs      {@code subscriptions}
 * @param subs         the route's subscriptions, shown by {@code subs=1|detail}; may be empty
 */
public record RouteInfo(
        long rid,
        String remoteId,
        boolean didSolicit,
        boolean isConfigured,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        String rtt,
        String uptime,
        String idle,
        long pendingSize,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        int numSubs,
        List<SubDetail> subs) {

    public RouteInfo {
        subs = List.copyOf(subs);
    }

    /** A route as /routez shows it at {@code now}; uptime and idle are derived. */
    public static RouteInfo of(long rid, String remoteId, boolean didSolicit, boolean isConfigured, String ip,
                               int port, Instant start, Instant lastActivity, long rttNanos, long pendingSize,
                               long inMsgs, long outMsgs, long inBytes, long outBytes, int numSubs,
                               List<SubDetail> subs, Instant now) {
        return new RouteInfo(rid, remoteId, didSolicit, isConfigured, ip, port, start, lastActivity,
                GoFormats.rtt(rttNanos),
                GoFormats.uptime(Duration.between(start, now)),
                GoFormats.uptime(Duration.between(lastActivity, now)), pendingSize, inMsgs, outMsgs, inBytes,
                outBytes, numSubs, subs);
    }

    void write(FieldWriter w, boolean withSubs, boolean withSubsDetail) {
        w.field("rid", rid)
                .field("remote_id", remoteId)
                .field("did_solicit", didSolicit)
                .field("is_configured", isConfigured)
                .field("ip", ip)
                .field("port", port)
                .field("start", GoFormats.time(start))
                .field("last_activity", GoFormats.time(lastActivity))
                .fieldIfSet("rtt", rtt)
                .field("uptime", uptime)
                .field("idle", idle)
                .field("pending_size", pendingSize)
                .field("in_msgs", inMsgs)
                .field("out_msgs", outMsgs)
                .field("in_bytes", inBytes)
                .field("out_bytes", outBytes)
                .field("subscriptions", numSubs);
        SubDetail.writeList(w, subs, withSubs, withSubsDetail);
    }
}
