package io.natsboot.server.client;

import io.natsboot.server.ServerStats;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.subject.SubjectMatch;
import io.natsboot.server.subject.SubjectTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

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
    private final long producerStallThreshold;

    public MessageRouter(SubjectTree<Subscription> subjects, ServerStats stats, long maxPending) {
        this.subjects = subjects;
        this.stats = stats;
        this.producerStallThreshold = maxPending / 2;
    }

    /**
     * @param match      the subscriptions matching the subject
     * @param subject    the subject's wire bytes
     * @param headerSize size of the header block at the start of {@code message}, or -1 for a plain PUB
     * @return how many subscriptions the message was handed to
     */
    public int publish(ClientConnection publisher, SubjectMatch<Subscription> match, byte[] subject, String replyTo,
                       int headerSize, ByteBuf message) {
        stats.inMsgs.increment();
        stats.inBytes.add(message.readableBytes());
        int delivered = 0;
        if (!match.isEmpty()) {
            Delivery d = new Delivery(publisher, subject,
                    replyTo == null ? null : ProtocolEncoder.bytes(replyTo), headerSize, message);
            for (int i = 0, n = match.plainCount(); i < n; i++) {
                if (deliver(d, match.plain(i))) {
                    delivered++;
                }
            }
            for (int g = 0, groups = match.queueGroupCount(); g < groups; g++) {
                if (deliverToOneMember(d, match, g)) {
                    delivered++;
                }
            }
        }
        if (delivered == 0 && replyTo != null) {
            ConnectOptions opts = publisher.connectOptions();
            if (opts.noResponders() && publisher.headersEnabled()) {
                sendNoResponders(publisher, replyTo);
            }
        }
        return delivered;
    }

    private boolean deliverToOneMember(Delivery d, SubjectMatch<Subscription> match, int group) {
        int members = match.queueMemberCount(group);
        int first = members == 1 ? 0 : ThreadLocalRandom.current().nextInt(members);
        for (int i = 0; i < members; i++) {
            if (deliver(d, match.queueMember(group, (first + i) % members))) {
                return true;
            }
        }
        return false;
    }

    private boolean deliver(Delivery d, Subscription sub) {
        ClientConnection receiver = sub.connection();
        if (receiver == d.publisher && !d.publisher.connectOptions().echo()) {
            return false;
        }
        long n = sub.claimDelivery();
        if (n < 0) {
            return false;
        }
        ByteBuf message = d.message;
        int headerSize = d.headerSize;
        if (headerSize >= 0 && !receiver.headersEnabled()) {
            // a client that cannot read headers gets the payload alone, as a MSG
            message = message.slice(message.readerIndex() + headerSize, message.readableBytes() - headerSize);
            headerSize = -1;
        }
        Outbound out = receiver.outbound();
        if (out.writeMessage(d.subject, sub.sidBytes(), d.replyTo, headerSize, message)) {
            stats.outMsgs.increment();
            stats.outBytes.add(message.readableBytes());
            if (receiver != d.publisher && out.pendingBytes() > producerStallThreshold) {
                d.publisher.stallProducer(out);
            }
        }
        long max = sub.max();
        if (max > 0 && n >= max) {
            receiver.removeSubscription(sub);
        }
        return true;
    }

    private void sendNoResponders(ClientConnection publisher, String replyTo) {
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

    /** One message on its way: the bytes every receiver shares. */
    private record Delivery(ClientConnection publisher, byte[] subject, byte[] replyTo, int headerSize,
                            ByteBuf message) {
    }
}
