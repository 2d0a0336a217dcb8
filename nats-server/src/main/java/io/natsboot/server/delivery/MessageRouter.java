package io.natsboot.server.delivery;

import io.natsboot.server.connection.Outbound;
import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.subject.SubjectMatch;
import io.natsboot.server.subject.SubjectTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one published message to every matching plain subscription and to one member of each matching queue
 * group; answers a request nobody can take with the no-responders status. Stateless; called on the publisher's
 * event loop.
 */
public final class MessageRouter {

    private static final ByteBuf NO_RESPONDERS =
            Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(ProtocolEncoder.NO_RESPONDERS_HEADER).asReadOnly());

    private final SubjectTree<Subscription> subjects;
    private final ServerStats stats;

    public MessageRouter(SubjectTree<Subscription> subjects, ServerStats stats) {
        this.subjects = subjects;
        this.stats = stats;
    }

    /**
     * Delivers a client's message to local subscribers and forwards it once to each route with interest.
     *
     * @param match      the subscriptions matching the subject
     * @param subject    the subject's wire bytes
     * @param headerSize size of the header block at the start of {@code message}, or -1 for a plain PUB
     * @return how many subscriptions and routes the message was handed to
     */
    public int publish(Receiver publisher, SubjectMatch<Subscription> match, byte[] subject, String replyTo,
                       int headerSize, ByteBuf message) {
        stats.inMsgs.increment();
        stats.inBytes.add(message.readableBytes());
        int delivered = 0;
        if (!match.isEmpty()) {
            byte[] replyBytes = replyTo == null ? null : ProtocolEncoder.bytes(replyTo);
            int groups = match.queueGroupCount();
            RouteBatch routes = null;
            for (int i = 0, n = match.plainCount(); i < n; i++) {
                Subscription sub = match.plain(i);
                if (sub.isRemote()) {
                    if (groups > 0) {
                        routes = routes == null ? new RouteBatch() : routes;
                        routes.plain(sub.route());
                    } else if (isFirstOfItsRoute(match, i)) {
                        // with no queue group there is nothing to gather per route: its one RMSG goes at once,
                        // and no batch is made for the message
                        sub.route().forward(subject, replyBytes, List.of(), headerSize, message);
                        delivered++;
                    }
                } else if (deliver(publisher, subject, replyTo, replyBytes, headerSize, message, sub)) {
                    delivered++;
                }
            }
            for (int g = 0; g < groups; g++) {
                Subscription chosen = chooseMember(publisher, subject, replyTo, replyBytes, headerSize, message,
                        match, g);
                if (chosen == null) {
                    continue;
                }
                if (chosen.isRemote()) {
                    routes = routes == null ? new RouteBatch() : routes;
                    routes.queue(chosen.route(), match.queueName(g));
                } else {
                    delivered++;
                }
            }
            if (routes != null) {
                // a forward counts as delivered: the peer answers no-responders itself if nobody is there
                delivered += routes.forward(subject, replyBytes, headerSize, message);
            }
        }
        if (delivered == 0 && replyTo != null) {
            if (publisher.noResponders() && publisher.headersEnabled()) {
                sendNoResponders(publisher, replyTo);
            }
        }
        return delivered;
    }

    /**
     * Delivers a message that came over a route to this server's clients only (one hop): every local plain
     * subscriber, and one local member of each queue group the sender chose this server for.
     */
    public int deliverFromRoute(SubjectMatch<Subscription> match, byte[] subject, String replyTo,
                                List<String> queues, int headerSize, ByteBuf message) {
        stats.inMsgs.increment();
        stats.inBytes.add(message.readableBytes());
        if (match.isEmpty()) {
            return 0;
        }
        byte[] replyBytes = replyTo == null ? null : ProtocolEncoder.bytes(replyTo);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Subscription sub = match.plain(i);
            if (!sub.isRemote() && deliver(null, subject, replyTo, replyBytes, headerSize, message, sub)) {
                delivered++;
            }
        }
        if (!queues.isEmpty()) {
            for (int g = 0, groups = match.queueGroupCount(); g < groups; g++) {
                if (queues.contains(match.queueName(g))
                        && deliverToLocalMember(subject, replyTo, replyBytes, headerSize, message, match, g)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /** Whether no remote plain subscription before index {@code i} of the match is on the same route as it. */
    private static boolean isFirstOfItsRoute(SubjectMatch<Subscription> match, int i) {
        RouteLink link = match.plain(i).route();
        for (int j = 0; j < i; j++) {
            Subscription before = match.plain(j);
            if (before.isRemote() && before.route() == link) {
                return false;
            }
        }
        return true;
    }

    /**
     * Picks the member of a queue group that gets the message: uniformly among local members and the peers'
     * members (a route counts as many times as its weight), then the first one from there that can take it.
     * A local member is delivered to here; a remote one is returned for the caller to forward to.
     */
    private Subscription chooseMember(Receiver publisher, byte[] subject, String reply, byte[] replyBytes,
                                      int headerSize, ByteBuf message, SubjectMatch<Subscription> match, int group) {
        int members = match.queueMemberCount(group);
        int first = 0;
        if (members > 1) {
            int total = 0;
            for (int i = 0; i < members; i++) {
                total += share(match.queueMember(group, i));
            }
            int pick = ThreadLocalRandom.current().nextInt(total);
            while (pick >= share(match.queueMember(group, first))) {
                pick -= share(match.queueMember(group, first));
                first++;
            }
        }
        for (int i = 0; i < members; i++) {
            Subscription sub = match.queueMember(group, (first + i) % members);
            if (sub.isRemote() || deliver(publisher, subject, reply, replyBytes, headerSize, message, sub)) {
                return sub;
            }
        }
        return null;
    }

    private static int share(Subscription sub) {
        return sub.isRemote() ? Math.max(1, sub.weight()) : 1;
    }

    private boolean deliverToLocalMember(byte[] subject, String reply, byte[] replyBytes, int headerSize,
                                         ByteBuf message, SubjectMatch<Subscription> match, int group) {
        int members = match.queueMemberCount(group);
        int first = members == 1 ? 0 : ThreadLocalRandom.current().nextInt(members);
        for (int i = 0; i < members; i++) {
            Subscription sub = match.queueMember(group, (first + i) % members);
            if (!sub.isRemote() && deliver(null, subject, reply, replyBytes, headerSize, message, sub)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands one message to one local subscription. The message travels as parameters, not as one object: this runs
     * for every delivery, and an object passed on to it would be allocated for every message.
     *
     * @param publisher  the client that published it, or {@code null} when it came over a route
     * @param reply      the reply subject, or {@code null}; {@code replyBytes} its wire bytes
     */
    private boolean deliver(Receiver publisher, byte[] subject, String reply, byte[] replyBytes, int headerSize,
                            ByteBuf message, Subscription sub) {
        Receiver receiver = sub.connection();
        if (receiver == publisher && !receiver.echo()) {
            return false;
        }
        PermissionGuard guard = receiver.permissionGuard();
        if (guard != null && guard.deliveryDenied(subject)) {
            return false;
        }
        long n = sub.claimDelivery();
        if (n < 0) {
            return false;
        }
        if (guard != null) {
            guard.delivered(reply);
        }
        if (headerSize >= 0 && !receiver.headersEnabled()) {
            // a client that cannot read headers gets the payload alone, as a MSG
            message = message.slice(message.readerIndex() + headerSize, message.readableBytes() - headerSize);
            headerSize = -1;
        }
        Outbound out = receiver.outbound();
        Outbound.Result queued = out.writeMessage(subject, sub.sidBytes(), replyBytes, headerSize, message);
        if (queued != Outbound.Result.DROPPED) {
            stats.outMsgs.increment();
            stats.outBytes.add(message.readableBytes());
            if (queued == Outbound.Result.CONGESTED && publisher != null && receiver != publisher) {
                publisher.stallProducer(out);
            }
        }
        long max = sub.max();
        if (max > 0 && n >= max) {
            receiver.removeSubscription(sub);
        }
        return true;
    }

    private void sendNoResponders(Receiver publisher, String replyTo) {
        SubjectMatch<Subscription> inbox = subjects.match(replyTo);
        for (int i = 0, n = inbox.plainCount(); i < n; i++) {
            Subscription sub = inbox.plain(i);
            if (sub.connection() == publisher) {
                publisher.outbound().writeMessage(ProtocolEncoder.bytes(replyTo), sub.sidBytes(), null,
                        NO_RESPONDERS.readableBytes(), NO_RESPONDERS.duplicate());
                return;
            }
        }
    }
}
