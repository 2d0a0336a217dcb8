package io.natsboot.server.monitor;

import java.time.Instant;
import java.util.Comparator;

/**
 * The {@code sort=} orders of {@code /connz}. Only {@code cid} and {@code start} ascend, and {@code uptime}, which
 * nats-server also sorts shortest first; the rest put the largest first. Ties keep cid order.
 */
public enum ConnzSort {
    CID("cid"),
    START("start"),
    SUBS("subs"),
    PENDING("pending"),
    MSGS_TO("msgs_to"),
    MSGS_FROM("msgs_from"),
    BYTES_TO("bytes_to"),
    BYTES_FROM("bytes_from"),
    LAST("last"),
    IDLE("idle"),
    UPTIME("uptime"),
    STOP("stop"),
    REASON("reason");

    private final String key;

    ConnzSort(String key) {
        this.key = key;
    }

    /** The query value, e.g. {@code msgs_to}. */
    public String key() {
        return key;
    }

    /** The order for {@code key}, or null when there is none. */
    public static ConnzSort of(String key) {
        for (ConnzSort s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** Whether this order only makes sense for closed connections. */
    boolean closedOnly() {
        return this == STOP || this == REASON;
    }

    Comparator<ConnInfo> comparator(Instant now) {
        Comparator<ConnInfo> byCid = Comparator.comparingLong(ConnInfo::cid);
        Comparator<ConnInfo> order = switch (this) {
            case CID, START -> byCid;
            case SUBS -> Comparator.comparingInt(ConnInfo::numSubs).reversed();
            case PENDING -> Comparator.comparingLong(ConnInfo::pendingBytes).reversed();
            case MSGS_TO -> Comparator.comparingLong(ConnInfo::outMsgs).reversed();
            case MSGS_FROM -> Comparator.comparingLong(ConnInfo::inMsgs).reversed();
            case BYTES_TO -> Comparator.comparingLong(ConnInfo::outBytes).reversed();
            case BYTES_FROM -> Comparator.comparingLong(ConnInfo::inBytes).reversed();
            case LAST -> Comparator.comparing(ConnInfo::lastActivity).reversed();
            // nats-server ranks "idle" by the time from start to last activity, not by time since it
            case IDLE -> Comparator.comparing((ConnInfo c) -> java.time.Duration.between(c.start(), c.lastActivity()))
                    .reversed();
            case UPTIME -> Comparator.comparing((ConnInfo c) -> c.uptimeAt(now));
            case STOP -> Comparator.comparing(ConnInfo::stop, Comparator.nullsLast(Comparator.naturalOrder()))
                    .reversed();
            case REASON -> Comparator.comparing(ConnInfo::reason, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        return order.thenComparing(byCid);
    }
}
