package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Receives the ops a {@link ClientProtocolDecoder} reads from one client, on that connection's event loop.
 *
 * <p>Strings hold the wire bytes one char per byte (ISO-8859-1), so they turn back into the same bytes. Payload
 * buffers are valid only during the call: retain (or copy) what must outlive it.
 */
public interface ClientOpHandler {

    void onConnect(String json);

    /** A client may send INFO; nats-server ignores it. */
    void onInfo(String json);

    void onPub(String subject, String replyTo, ByteBuf payload);

    /** {@code message} holds the header block ({@code headerSize} bytes) followed by the payload. */
    void onHpub(String subject, String replyTo, int headerSize, ByteBuf message);

    void onSub(String subject, String queue, String sid);

    /** {@code max} is the message count after which to remove the subscription; {@code <= 0}: remove it now. */
    void onUnsub(String sid, int max);

    void onPing();

    void onPong();

    /** Bad input: the decoder has stopped; send {@link ProtocolError#errText()} if any, then close. */
    void onProtocolError(ProtocolError error);

    /**
     * Whether the decoder must stop handing over ops for now (a producer stalled for a slow receiver); the bytes
     * left stay buffered until the decoder is fed again. Checked before every op.
     */
    default boolean isReadPaused() {
        return false;
    }
}
