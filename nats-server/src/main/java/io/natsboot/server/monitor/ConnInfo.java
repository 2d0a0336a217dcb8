package io.natsboot.server.monitor;

import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClosedReason;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.json.JsonWriter;
import io.natsboot.server.client.ClientTlsUpgrade;
import io.natsboot.server.json.FieldWriter;
import io.natsboot.server.tls.TlsNames;

import javax.net.ssl.SSLSession;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection as {@code /connz} shows it, taken at one instant; immutable. A closed connection's is
 * taken as it closes and kept (with its subscriptions) for {@code state=closed}.
 *
 * @param cid          {@code cid}
 * @param ip           {@code ip}
 * @param port         {@code port}
 * @param start        {@code start}
 * @param lastActivity {@code last_activity}
 * @param stop         {@code stop}, null while open
 * @param reason       {@code reason}, null while open
 * @param rtt          {@code rtt}: the round trip of the PING after CONNECT, estimated until its PONG
 * @param uptime       {@code uptime} when taken
 * @param idle         {@code idle} when taken
 * @param pendingBytes {@code pending_bytes}
 * @param inMsgs       {@code in_msgs}
 * @param outMsgs      {@code out_msgs}
 * @param inBytes      {@code in_bytes}
 * @param outBytes     {@code out_bytes}
 * @param numSubs      {@code subscriptions}
 * @param name         {@code name} from CONNECT, omitted when empty
 * @param lang         {@code lang}, omitted when empty
 * @param version      {@code version}, omitted when empty
 * @param tlsVersion   {@code tls_version} ({@code 1.3}), omitted for a plain-text connection
 * @param tlsCipher    {@code tls_cipher_suite}, omitted for a plain-text connection
 * @param subs         the subscriptions, for {@code subscriptions_list[_detail]}; empty unless asked for (open) or
 *                     always (closed)
 */
public record ConnInfo(
        long cid,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        Instant stop,
        String reason,
        String rtt,
        String uptime,
        String idle,
        long pendingBytes,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        int numSubs,
        String name,
        String lang,
        String version,
        String tlsVersion,
        String tlsCipher,
        List<SubDetail> subs) {

    /**
     * The {@code ip} of an in-process client (port 0): nats-server names its in-process connections "pipe" in its
     * log lines (their address is Go's {@code net.Pipe}) and leaves {@code ip} empty; natsboot shows the same word.
     */
    public static final String IN_PROCESS_IP = "pipe";

    public ConnInfo {
        subs = List.copyOf(subs);
    }

    /** An open connection now; its subscriptions only when {@code withSubs}. */
    static ConnInfo open(ClientConnection c, Instant now, boolean withSubs) {
        List<SubDetail> subs = withSubs ? details(c, null) : List.of();
        return of(c, now, null, null, withSubs ? subs.size() : c.subscriptionCount(), subs);
    }

    /**
     * A connection that has just closed, as {@code /connz?state=closed} will show it: frozen at its stop time, with
     * its subscriptions (account included, as nats-server keeps them).
     */
    public static ConnInfo closed(ClientConnection c) {
        Instant stop = c.stop() != null ? c.stop() : Instant.now();
        ClosedReason reason = c.closedReason();
        List<SubDetail> subs = details(c, SubDetail.GLOBAL_ACCOUNT);
        return of(c, stop, stop, reason == null ? ClosedReason.CLIENT_CLOSED.toString() : reason.toString(),
                subs.size(), subs);
    }

    private static ConnInfo of(ClientConnection c, Instant now, Instant stop, String reason, int numSubs,
            List<SubDetail> subs) {
        Instant start = c.start();
        Instant last = c.lastActivity(now);
        ConnectOptions connect = c.connectOptions();
        SSLSession tls = ClientTlsUpgrade.session(c.channel());
        return new ConnInfo(c.cid(), c.inProcess() ? IN_PROCESS_IP : c.remotePort() == 0 ? "" : c.remoteHost(),
                c.remotePort(), start, last, stop,
                reason, GoFormats.rtt(c.rttNanos()), GoFormats.uptime(Duration.between(start, now)),
                GoFormats.uptime(Duration.between(last, now)), c.outbound().pendingBytes(), c.inMsgs(),
                c.outbound().outMsgs(), c.inBytes(), c.outbound().outBytes(), numSubs, connect.name(),
                connect.lang(), connect.version(), tls == null ? null : TlsNames.version(tls),
                tls == null ? null : tls.getCipherSuite(), subs);
    }

    private static List<SubDetail> details(ClientConnection c, String account) {
        List<SubDetail> list = new ArrayList<>();
        for (Subscription sub : c.subscriptions()) {
            list.add(SubDetail.of(sub, account));
        }
        return list;
    }

    /** How long the connection has been (or was) up, for {@code sort=uptime}. */
    Duration uptimeAt(Instant now) {
        return Duration.between(start, stop != null ? stop : now);
    }

    void write(FieldWriter w, boolean withSubs, boolean withSubsDetail) {
        w.field("cid", cid)
                .field("kind", "Client")
                .field("type", "nats")
                .field("ip", ip)
                .field("port", port)
                .field("start", GoFormats.time(start))
                .field("last_activity", GoFormats.time(lastActivity));
        if (stop != null) {
            w.field("stop", GoFormats.time(stop));
        }
        w.fieldIfSet("reason", reason)
                .fieldIfSet("rtt", rtt)
                .field("uptime", uptime)
                .field("idle", idle)
                .field("pending_bytes", pendingBytes)
                .field("in_msgs", inMsgs)
                .field("out_msgs", outMsgs)
                .field("in_bytes", inBytes)
                .field("out_bytes", outBytes)
                .field("subscriptions", numSubs)
                .fieldIfSet("name", name)
                .fieldIfSet("lang", lang)
                .fieldIfSet("version", version)
                .fieldIfSet("tls_version", tlsVersion)
                .fieldIfSet("tls_cipher_suite", tlsCipher);
        SubDetail.writeList(w, subs, withSubs, withSubsDetail);
    }
}
