package io.natsboot.server.protocol.route;

import io.natsboot.server.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Receives the ops a {@link RouteProtocolDecoder} reads from one route connection (a peer server), on that
 * connection's event loop.
 *
 * <p>Accounts, subjects, reply subjects, queue names and origin clusters hold the wire bytes one char per byte
 * (ISO-8859-1), so they turn back into the same bytes. JSON documents ({@code INFO}, {@code CONNECT}) and the
 * {@code -ERR} text are decoded as UTF-8. Message buffers are valid only during the call: retain (or copy) what must
 * outlive it.
 *
 * <p>The leaf-origin ops ({@code LS+}, {@code LS-}, {@code LMSG}) are sent by nats-server only to a peer that
 * advertised {@code "lnoc":true}, and the account ops ({@code A+}, {@code A-}) only matter on gateways; their methods
 * do nothing unless overridden.
 */
public interface RouteOpHandler {

    /** The peer's INFO: the JSON text, trailing blanks removed ({@code INFO {..} \r\n} gives {@code {..}}). */
    void onInfo(String json);

    /** The peer's CONNECT (sent by the soliciting side). */
    void onConnect(String json);

    void onPing();

    void onPong();

    void onOk();

    /**
     * The peer sent {@code -ERR}: {@code text} is what lies between the single quotes (the whole argument if not
     * quoted). nats-server closes a route on {@code -ERR}; the decoder reads nothing more after it.
     */
    void onErr(String text);

    /**
     * {@code RS+ <account> <subject> [<queue> <weight>]}: {@code queue} is null and {@code weight} 0 for plain
     * interest; for queue interest {@code weight} is the peer's number of local members (re-sent on every change).
     */
    void onRemoteSub(String account, String subject, String queue, int weight);

    /** {@code RS- <account> <subject> [<queue>]}: {@code queue} is null for plain interest. */
    void onRemoteUnsub(String account, String subject, String queue);

    /**
     * {@code RMSG} ({@code headerSize} is -1) or {@code HMSG} ({@code message} holds the {@code headerSize} header
     * bytes, then the payload). {@code replyTo} is null when absent; {@code queues} lists the queue groups the sender
     * chose this server for (empty when none; never null).
     */
    void onRouteMessage(String account, String subject, String replyTo, List<String> queues, int headerSize,
                        ByteBuf message);

    /** Bad input: the decoder has stopped; send {@link ProtocolError#errText()} if any, then close. */
    void onProtocolError(ProtocolError error);

    /** {@code LS+ <origin-cluster> <account> <subject> [<queue> <weight>]}: ignored unless overridden. */
    default void onLeafSub(String originCluster, String account, String subject, String queue, int weight) {
    }

    /** {@code LS- <account> <subject> [<queue>]} (the 2.9 form, without origin): ignored unless overridden. */
    default void onLeafUnsub(String account, String subject, String queue) {
    }

    /**
     * {@code LMSG <origin-cluster> <account> <subject> [reply | + reply queues | \| queues] <hdr> <total>}: always
     * has a header size (possibly 0). Ignored unless overridden.
     */
    default void onLeafMessage(String originCluster, String account, String subject, String replyTo,
                               List<String> queues, int headerSize, ByteBuf message) {
    }

    /** {@code A+ <argument>} (gateway account interest): ignored on routes unless overridden. */
    default void onAccountSub(String argument) {
    }

    /** {@code A- <argument>}: ignored on routes unless overridden. */
    default void onAccountUnsub(String argument) {
    }
}
