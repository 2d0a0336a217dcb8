package io.natsboot.server.auth;

import io.natsboot.server.options.Permissions;
import io.natsboot.server.subject.SubjectMatch;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The compiled, immutable form of one {@link Permissions}: the verdicts that depend on the subject alone. Shared by
 * every connection of the user (compiled once per {@code Permissions} instance); the per-connection state lives in
 * {@link PermissionGuard}.
 *
 * <p>A list that is absent (null) allows everything; as in nats-server, an empty subscribe allow list counts as
 * absent, while {@code allow_responses} turns an absent or empty publish allow list into "nothing" (only replies
 * then), which is what nats-server 2.9 does.
 */
public final class PermissionRules {

    /** Compiled lists are shared across a user's connections; weak so a replaced configuration lets them go. */
    private static final Map<Permissions, PermissionRules> COMPILED = Collections.synchronizedMap(new WeakHashMap<>());

    private final PermissionSubjects publishAllow;
    private final PermissionSubjects publishDeny;
    private final PermissionSubjects subscribeAllow;
    private final PermissionSubjects subscribeDeny;
    /** The subscribe deny subjects a wildcard subscription must not receive; null without a deny list. */
    private final PermissionSubjects deliveryDeny;
    private final int responseMaxMsgs;
    private final long responseExpiresNanos;
    private final boolean responses;

    private PermissionRules(Permissions p) {
        Permissions.SubjectPermission pub = p.getPublish();
        Permissions.SubjectPermission sub = p.getSubscribe();
        Permissions.ResponsePermission resp = p.getResponse();
        responses = resp != null;
        List<String> pubAllow = pub == null ? List.of() : pub.getAllow();
        publishAllow = !pubAllow.isEmpty() || responses ? PermissionSubjects.compile(pubAllow, false) : null;
        publishDeny = pub == null || pub.getDeny().isEmpty() ? null : PermissionSubjects.compile(pub.getDeny(), false);
        subscribeAllow = sub == null || sub.getAllow().isEmpty() ? null
                : PermissionSubjects.compile(sub.getAllow(), true);
        subscribeDeny = sub == null || sub.getDeny().isEmpty() ? null
                : PermissionSubjects.compile(sub.getDeny(), true);
        deliveryDeny = subscribeDeny == null ? null
                : PermissionSubjects.compile(subscribeDeny.plainSubjects(), false);
        // nats-server replaces a zero max or expiry by the defaults; a negative one means no limit
        int max = resp == null ? 0 : resp.getMaxMsgs();
        responseMaxMsgs = max == 0 ? Permissions.DEFAULT_RESPONSE_MAX_MSGS : max;
        Duration expires = resp == null ? Duration.ZERO : resp.getExpires();
        responseExpiresNanos = (expires.isZero() ? Permissions.DEFAULT_RESPONSE_EXPIRES : expires).toNanos();
    }

    /**
     * The compiled form of {@code permissions}, compiled on first use and shared from then on (each tree has its own
     * match cache, too big to repeat per connection): a {@code Permissions} must not change once a connection uses it.
     */
    public static PermissionRules of(Permissions permissions) {
        return COMPILED.computeIfAbsent(permissions, PermissionRules::new);
    }

    /** Compiles without sharing (tests). */
    static PermissionRules compile(Permissions permissions) {
        return new PermissionRules(permissions);
    }

    /** No list and no response permission: nothing to check. */
    public boolean isUnrestricted() {
        return publishAllow == null && publishDeny == null && subscribeAllow == null && subscribeDeny == null
                && !responses;
    }

    /** Whether publish permissions exist at all; without them every publish is allowed. */
    boolean restrictsPublish() {
        return publishAllow != null || publishDeny != null;
    }

    /** The publish verdict from the lists alone (responses aside). */
    boolean publishAllowed(String subject) {
        boolean allowed = publishAllow == null || publishAllow.matchesPlain(subject);
        return allowed && (publishDeny == null || !publishDeny.matchesPlain(subject));
    }

    /**
     * The subscribe verdict, with nats-server 2.9's queue rules: when queue entries match the subject, a queue
     * subscription's verdict is whether its queue is among them, whatever the plain entries said.
     */
    boolean subscribeAllowed(String subject, String queue) {
        boolean allowed = true;
        if (subscribeAllow != null) {
            SubjectMatch<Object> m = subscribeAllow.match(subject);
            allowed = m.plainCount() > 0;
            if (queue != null && m.queueGroupCount() > 0) {
                allowed = PermissionSubjects.queueMatches(queue, m);
            }
        }
        if (allowed && subscribeDeny != null) {
            SubjectMatch<Object> m = subscribeDeny.match(subject);
            allowed = m.plainCount() == 0;
            if (queue != null && m.queueGroupCount() > 0) {
                allowed = !PermissionSubjects.queueMatches(queue, m);
            }
        }
        return allowed;
    }

    /** Whether subscribe deny entries exist, so an allowed wildcard subscription needs delivery filtering. */
    boolean hasSubscribeDeny() {
        return subscribeDeny != null;
    }

    /** Whether a message on {@code subject} must not be delivered to this user's subscriptions. */
    boolean deliveryDenied(String subject) {
        return deliveryDeny != null && deliveryDeny.matchesPlain(subject);
    }

    /** {@code allow_responses} is set. */
    boolean responses() {
        return responses;
    }

    /** Replies allowed per received reply subject; negative means no limit. */
    int responseMaxMsgs() {
        return responseMaxMsgs;
    }

    /** How long a reply subject stays publishable; negative means forever. */
    long responseExpiresNanos() {
        return responseExpiresNanos;
    }
}
