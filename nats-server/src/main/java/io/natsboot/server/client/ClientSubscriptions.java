package io.natsboot.server.client;

import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.subject.Subjects;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's subscriptions by sid: SUB with nats-server's checks in its order, UNSUB with an optional limit, and
 * the subject tree and cluster kept in step. SUB and UNSUB run on the event loop; {@link #remove} from any thread.
 */
final class ClientSubscriptions {

    // its lines are the connection's (tests and operators filter on that logger)
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final ClientConnection connection;
    private final ClientServices services;
    private final Map<String, Subscription> bySid = new ConcurrentHashMap<>();

    ClientSubscriptions(ClientConnection connection, ClientServices services) {
        this.connection = connection;
        this.services = services;
    }

    /**
     * A SUB. The checks in nats-server's order: permissions and reserved queue, subscription limit (even for a
     * reused sid), reused sid (ignored, keeping the first subscription, so its subject is not even checked), subject.
     *
     * @return whether the SUB was taken (or ignored as a reused sid), so a verbose client gets +OK
     */
    boolean subscribe(String subject, String queue, String sid) {
        PermissionGuard g = connection.permissionGuard();
        if (PublishPolicy.isSystemQueue(queue) || (g != null && !g.canSubscribe(subject, queue))) {
            connection.sendErr(ErrorTexts.subscriptionViolation(subject, queue));
            LOG.log(Level.ERROR, () -> connection.describe() + " - Subscription Violation - "
                    + PublishPolicy.authUser(connection.connectOptions()) + ", Subject \"" + subject + "\""
                    + (queue == null ? "" : ", Queue: \"" + queue + "\"") + ", SID " + sid);
            return false;
        }
        int max = services.options().getMaxSubscriptions();
        if (max > 0 && bySid.size() >= max) {
            if (services.stats().shouldLogMaxSubscriptions()) {
                LOG.log(Level.ERROR, () -> connection.describe() + " - " + ErrorTexts.MAX_SUBSCRIPTIONS);
            }
            connection.sendErr(ErrorTexts.MAX_SUBSCRIPTIONS);
            return false;
        }
        if (!bySid.containsKey(sid)) {
            if (!Subjects.isValidSubscribeSubject(subject)
                    || (queue != null && !Subjects.isValidQueueName(queue))) {
                connection.sendErr(ErrorTexts.INVALID_SUBJECT);
                return false;
            }
            Subscription sub = new Subscription(connection, subject, queue, sid);
            bySid.put(sid, sub);
            services.subjects().insert(subject, queue, sub);
            services.localInterestChanged(sub, true);
        }
        return true;
    }

    /** An UNSUB: at once, or after {@code max} messages in all when {@code max > 0}. */
    void unsubscribe(String sid, int max) {
        Subscription sub = bySid.get(sid);
        if (sub == null) {
            return;
        }
        if (max > 0 && sub.delivered() < max) {
            sub.setMax(max);
            // a publisher may have reached the limit between the check and the set
            if (sub.delivered() >= max) {
                remove(sub);
            }
        } else {
            remove(sub);
        }
    }

    /** Ends a subscription (UNSUB, auto-unsubscribe limit reached, or close). Any thread; idempotent. */
    void remove(Subscription sub) {
        if (bySid.remove(sub.sid(), sub)) {
            services.subjects().remove(sub.subject(), sub.queue(), sub);
            services.localInterestChanged(sub, false);
        }
    }

    /** The connection closed: every subscription ends. */
    void removeAll() {
        for (Subscription sub : bySid.values()) {
            remove(sub);
        }
    }

    int count() {
        return bySid.size();
    }

    Collection<Subscription> all() {
        return List.copyOf(bySid.values());
    }
}
