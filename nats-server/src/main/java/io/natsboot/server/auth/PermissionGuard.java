package io.natsboot.server.auth;

import io.natsboot.server.options.Permissions;
import io.natsboot.server.subject.Subjects;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One connection's permissions at work: the shared {@link PermissionRules} plus what is per connection, namely a
 * cache of publish verdicts, the reply subjects it may answer, and the filter that keeps denied subjects from its
 * wildcard subscriptions. Only connections with permissions have one, so unrestricted ones pay nothing.
 *
 * <p>Threads: {@link #canPublish} and {@link #canSubscribe} run on the connection's event loop;
 * {@link #deliveryDenied} and {@link #delivered} on any publisher's.
 */
public final class PermissionGuard {

    /** Publish verdicts kept per connection, and how many remain after a prune (nats-server: 128, less 32). */
    static final int PUBLISH_CACHE_MAX = 128;
    static final int PUBLISH_CACHE_KEEP = 96;
    /** Delivery verdicts kept per connection (nats-server: 256). */
    static final int DELIVERY_CACHE_MAX = 256;

    private final PermissionRules rules;
    /** Event loop only. */
    private final Map<String, Boolean> publishVerdicts = new HashMap<>();
    private final ResponsePermits responses;
    /** Set once an allowed wildcard subscription may overlap the subscribe deny list (nats-server's trigger). */
    private volatile Map<String, Boolean> deliveryVerdicts;

    PermissionGuard(PermissionRules rules, LongSupplier clock) {
        this.rules = rules;
        this.responses = rules.responses()
                ? new ResponsePermits(rules.responseMaxMsgs(), rules.responseExpiresNanos(), clock) : null;
    }

    /** The guard for a connection authorized with {@code permissions}, or {@code null} when they restrict nothing. */
    public static PermissionGuard of(Permissions permissions) {
        if (permissions == null) {
            return null;
        }
        PermissionRules rules = PermissionRules.of(permissions);
        return rules.isUnrestricted() ? null : new PermissionGuard(rules, System::nanoTime);
    }

    /**
     * Whether the connection may publish to {@code subject}; a publish allowed only as a response uses up one of
     * that reply's permits.
     */
    public boolean canPublish(String subject) {
        if (!rules.restrictsPublish()) {
            return true;
        }
        Boolean cached = publishVerdicts.get(subject);
        boolean allowed;
        if (cached != null) {
            allowed = cached;
        } else {
            allowed = rules.publishAllowed(subject);
            if (publishVerdicts.size() >= PUBLISH_CACHE_MAX) {
                prunePublishVerdicts();
            }
            publishVerdicts.put(subject, allowed);
        }
        return allowed || (responses != null && responses.use(subject));
    }

    /**
     * Whether the connection may subscribe to {@code subject} in {@code queue} (null for none). An allowed wildcard
     * subscription switches on delivery filtering when there are subscribe deny entries, since it may match them.
     */
    public boolean canSubscribe(String subject, String queue) {
        boolean allowed = rules.subscribeAllowed(subject, queue);
        if (allowed && rules.hasSubscribeDeny() && deliveryVerdicts == null && !Subjects.isLiteral(subject)) {
            deliveryVerdicts = new ConcurrentHashMap<>();
        }
        return allowed;
    }

    /** Whether a message on {@code subject} (wire bytes) must not reach this connection's subscriptions. */
    public boolean deliveryDenied(byte[] subject) {
        Map<String, Boolean> verdicts = deliveryVerdicts;
        if (verdicts == null) {
            return false;
        }
        String s = new String(subject, StandardCharsets.ISO_8859_1);
        Boolean cached = verdicts.get(s);
        if (cached != null) {
            return cached;
        }
        boolean denied = rules.deliveryDenied(s);
        if (verdicts.size() >= DELIVERY_CACHE_MAX) {
            // hash order is as good as any: a dropped verdict only costs a lookup
            Iterator<String> keys = verdicts.keySet().iterator();
            for (int i = 0; i < DELIVERY_CACHE_MAX / 4 && keys.hasNext(); i++) {
                keys.next();
                keys.remove();
            }
        }
        verdicts.put(s, denied);
        return denied;
    }

    /** A message was delivered to this connection; its reply subject (if any) becomes answerable. */
    public void delivered(String reply) {
        if (responses != null && reply != null) {
            responses.grant(reply);
        }
    }

    /** Whether {@code allow_responses} is on, so deliveries must be reported to {@link #delivered}. */
    public boolean tracksResponses() {
        return responses != null;
    }

    /** Publish verdicts cached (tests). */
    int publishCacheSize() {
        return publishVerdicts.size();
    }

    /** Delivery verdicts cached (tests). */
    int deliveryCacheSize() {
        Map<String, Boolean> verdicts = deliveryVerdicts;
        return verdicts == null ? 0 : verdicts.size();
    }

    /** Reply permits currently held (tests). */
    int responsePermits() {
        return responses == null ? 0 : responses.size();
    }

    private void prunePublishVerdicts() {
        Iterator<String> keys = publishVerdicts.keySet().iterator();
        int excess = publishVerdicts.size() - PUBLISH_CACHE_KEEP;
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
