package io.natsboot.server.monitor;

import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.json.JsonWriter;
import io.natsboot.server.json.FieldWriter;

import java.util.List;

/**
 * One subscription as {@code /subsz?subs=1} and {@code /connz?subs=detail} list it; immutable.
 *
 * @param account {@code account}, omitted when null (open connections' detail lists leave it out)
 * @param subject {@code subject}
 * @param queue   {@code qgroup}, omitted when null
 * @param sid     {@code sid}
 * @param msgs    {@code msgs}: messages delivered so far
 * @param max     {@code max}: auto-unsubscribe limit, omitted when 0
 * @param cid     {@code cid}: the owning connection
 */
public record SubDetail(String account, String subject, String queue, String sid, long msgs, long max, long cid) {

    /** The only account natsboot has, nats-server's global account. */
    public static final String GLOBAL_ACCOUNT = "$G";

    static SubDetail of(Subscription sub, String account) {
        return new SubDetail(account, sub.subject(), sub.queue(), sub.sid(), sub.delivered(), sub.max(),
                sub.isRemote() ? sub.route().id() : sub.connection().cid());
    }

    /**
     * The subscriptions of a connection or route, as /connz and /routez list them: subjects alone
     * ({@code subscriptions_list}) or in detail ({@code subscriptions_list_detail}); nothing when there are none.
     */
    static void writeList(FieldWriter w, List<SubDetail> subs, boolean withSubs, boolean withSubsDetail) {
        if (subs.isEmpty()) {
            return;
        }
        if (withSubsDetail) {
            w.fieldObjects("subscriptions_list_detail", subs, SubDetail::write);
        } else if (withSubs) {
            w.field("subscriptions_list", subs.stream().map(SubDetail::subject).toList());
        }
    }

    void write(FieldWriter w) {
        w.fieldIfSet("account", account)
                .field("subject", subject)
                .fieldIfSet("qgroup", queue)
                .field("sid", sid)
                .field("msgs", msgs)
                .fieldIfNonZero("max", max)
                .field("cid", cid);
    }
}
