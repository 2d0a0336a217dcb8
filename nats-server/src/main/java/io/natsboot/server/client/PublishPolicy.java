package io.natsboot.server.client;

import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.connection.LastSubject;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.netty.buffer.ByteBuf;

import java.lang.System.Logger.Level;

/**
 * The way of one client's messages into the router: the subject looked up through its {@link LastSubject} cache,
 * its permissions, and the subjects, replies and queue names nats-server 2.9 keeps for itself whatever the
 * permissions; a refused message is answered and logged in nats-server's words. Event loop.
 */
final class PublishPolicy {

    // its lines are the connection's (tests and operators filter on that logger)
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private static final String SYSTEM_QUEUE = "_sys_";
    private static final String SERVICE_REPLY_PREFIX = "_R_.";
    private static final String GATEWAY_REPLY_PREFIX = "_GR_.";

    private final ClientConnection connection;
    private final ClientServices services;
    private final LastSubject<Subscription> lastSubject;

    PublishPolicy(ClientConnection connection, ClientServices services) {
        this.connection = connection;
        this.services = services;
        this.lastSubject = new LastSubject<>(services.subjects());
    }

    /** A PUB or HPUB of a logged-in client: checked, acknowledged when verbose, handed to the router. */
    void publish(String subject, String replyTo, int headerSize, ByteBuf message) {
        LastSubject<Subscription> target = lastSubject.set(subject);
        // nats-server 2.9 complains to a pedantic client about a publish subject that is not a valid literal, yet
        // still delivers it when it is a valid subscription subject (a wildcard then matches as a plain token).
        if (!target.isValidPublishSubject() && connection.connectOptions().pedantic()) {
            connection.sendErr(ErrorTexts.INVALID_PUBLISH_SUBJECT);
        }
        if (refuses(subject, replyTo, message)) {
            return;
        }
        // +OK goes out before the message is delivered (it precedes an echo or a no-responders reply)
        if (connection.connectOptions().verbose()) {
            connection.outbound().writeControl(ProtocolEncoder.OK);
        }
        services.router().publish(connection, target.match(), target.bytes(), replyTo, headerSize, message);
    }

    /**
     * Whether a publish is refused. A refused message is dropped and answered with -ERR (no +OK), yet counted as
     * received, as nats-server does.
     */
    private boolean refuses(String subject, String replyTo, ByteBuf message) {
        // a client may not publish into the gateway reply namespace, whatever its permissions (nats-server 2.9)
        PermissionGuard g = connection.permissionGuard();
        if (isGatewayRoutedReply(subject) || (g != null && !g.canPublish(subject))) {
            countReceived(message);
            LOG.log(Level.ERROR, () -> connection.describe() + " - Publish Violation - "
                    + authUser(connection.connectOptions()) + ", Subject \"" + subject + "\"");
            connection.sendErr(ErrorTexts.publishViolation(subject));
            return true;
        }
        // a reply in a prefix nats-server keeps for service imports and gateway replies is refused
        if (replyTo != null && isReservedReply(replyTo)) {
            countReceived(message);
            LOG.log(Level.ERROR, () -> connection.describe() + " - Publish Violation - Reply \"" + replyTo + "\"");
            connection.sendErr(ErrorTexts.publishReplyViolation(replyTo));
            return true;
        }
        return false;
    }

    private void countReceived(ByteBuf message) {
        services.stats().inMsgs.increment();
        services.stats().inBytes.add(message.readableBytes());
    }

    /** {@code _GR_.} followed by something: a subject only gateways may send to. */
    static boolean isGatewayRoutedReply(String subject) {
        return subject.length() > GATEWAY_REPLY_PREFIX.length() && subject.startsWith(GATEWAY_REPLY_PREFIX);
    }

    /** {@code _R_.} (service import replies) or {@code _GR_.} followed by something (old gateway replies). */
    static boolean isReservedReply(String reply) {
        return reply.startsWith(SERVICE_REPLY_PREFIX) || isGatewayRoutedReply(reply);
    }

    /** The queue group name the system account keeps. */
    static boolean isSystemQueue(String queue) {
        return SYSTEM_QUEUE.equals(queue);
    }

    /** How nats-server names the user in violation logs: from the CONNECT credentials. */
    static String authUser(ConnectOptions c) {
        if (c.nkey() != null && !c.nkey().isEmpty()) {
            return "Nkey \"" + c.nkey() + "\"";
        }
        if (c.user() != null && !c.user().isEmpty()) {
            return "User \"" + c.user() + "\"";
        }
        return "User \"N/A\"";
    }
}
