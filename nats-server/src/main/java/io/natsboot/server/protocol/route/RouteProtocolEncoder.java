package io.natsboot.server.protocol.route;

import io.natsboot.server.protocol.ProtocolEncoder;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the route ops a server sends to a peer, byte for byte as nats-server 2.9 does. Stateless.
 *
 * <pre>
 *   RS+ &lt;account&gt; &lt;subject&gt;\r\n                       plain interest
 *   RS+ &lt;account&gt; &lt;subject&gt; &lt;queue&gt; &lt;weight&gt;\r\n      queue interest, weight = local members
 *   RS- &lt;account&gt; &lt;subject&gt;[ &lt;queue&gt;]\r\n
 *   RMSG &lt;account&gt; &lt;subject&gt; [middle] &lt;#bytes&gt;\r\n        then the payload and CRLF
 *   HMSG &lt;account&gt; &lt;subject&gt; [middle] &lt;#hdr&gt; &lt;#total&gt;\r\n
 *   middle := reply                 a reply, no queue targets
 *           | + reply q1 [q2 ..]    a reply and queue targets
 *           | | q1 [q2 ..]          queue targets only
 * </pre>
 *
 * Accounts, subjects, reply subjects and queue names are one-char-per-byte (ISO-8859-1) strings, as the decoders
 * produce them; JSON is written as UTF-8. A null or empty reply means none; a null or empty queue list means none.
 */
public final class RouteProtocolEncoder {

    /** The same bytes as on client connections. */
    public static final byte[] PING = ProtocolEncoder.PING;
    public static final byte[] PONG = ProtocolEncoder.PONG;
    public static final byte[] CRLF = ProtocolEncoder.CRLF;

    private static final byte[] RS_SUB = ascii("RS+ ");
    private static final byte[] RS_UNSUB = ascii("RS- ");
    private static final byte[] RMSG = ascii("RMSG ");
    private static final byte[] HMSG = ascii("HMSG ");
    private static final byte[] INFO = ascii("INFO ");
    private static final byte[] CONNECT = ascii("CONNECT ");

    private RouteProtocolEncoder() {
    }

    /** {@code INFO <json>\r\n}. */
    public static byte[] info(String json) {
        return ("INFO " + json + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code CONNECT <json>\r\n}. */
    public static byte[] connect(String json) {
        return ("CONNECT " + json + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static void writeInfo(ByteBuf out, String json) {
        out.writeBytes(INFO);
        out.writeCharSequence(json, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    public static void writeConnect(ByteBuf out, String json) {
        out.writeBytes(CONNECT);
        out.writeCharSequence(json, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** {@code RS+ <account> <subject>\r\n}, or with {@code queue} not null {@code RS+ <account> <subject> <queue>
     *  <weight>\r\n}. */
    public static void writeRemoteSub(ByteBuf out, String account, String subject, String queue, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("negative weight " + weight);
        }
        out.writeBytes(RS_SUB);
        writeWire(out, account);
        out.writeByte(' ');
        writeWire(out, subject);
        if (queue != null) {
            out.writeByte(' ');
            writeWire(out, queue);
            out.writeByte(' ');
            writeDecimal(out, weight);
        }
        out.writeBytes(CRLF);
    }

    /** {@code RS- <account> <subject>\r\n}, or with {@code queue} not null {@code RS- <account> <subject>
     *  <queue>\r\n}. */
    public static void writeRemoteUnsub(ByteBuf out, String account, String subject, String queue) {
        out.writeBytes(RS_UNSUB);
        writeWire(out, account);
        out.writeByte(' ');
        writeWire(out, subject);
        if (queue != null) {
            out.writeByte(' ');
            writeWire(out, queue);
        }
        out.writeBytes(CRLF);
    }

    /** The RMSG control line alone, for a payload of {@code size} bytes (and CRLF) appended by the caller. */
    public static void writeRmsgLine(ByteBuf out, String account, String subject, String replyTo,
                                     List<String> queues, int size) {
        writeRmsgLine(out, wire(account), wire(subject), wire(replyTo), queues, size);
    }

    /** The RMSG control line from wire bytes (the hot path: no String per message). */
    public static void writeRmsgLine(ByteBuf out, byte[] account, byte[] subject, byte[] replyTo,
                                     List<String> queues, int size) {
        out.writeBytes(RMSG);
        writeMiddle(out, account, subject, replyTo, queues);
        writeDecimal(out, size);
        out.writeBytes(CRLF);
    }

    /** The HMSG control line alone, for {@code totalSize} bytes (headers first, then CRLF) appended by the caller. */
    public static void writeHmsgLine(ByteBuf out, String account, String subject, String replyTo,
                                     List<String> queues, int headerSize, int totalSize) {
        writeHmsgLine(out, wire(account), wire(subject), wire(replyTo), queues, headerSize, totalSize);
    }

    /** The HMSG control line from wire bytes. */
    public static void writeHmsgLine(ByteBuf out, byte[] account, byte[] subject, byte[] replyTo,
                                     List<String> queues, int headerSize, int totalSize) {
        if (headerSize < 0 || headerSize > totalSize) {
            throw new IllegalArgumentException("header size " + headerSize + ", total " + totalSize);
        }
        out.writeBytes(HMSG);
        writeMiddle(out, account, subject, replyTo, queues);
        writeDecimal(out, headerSize);
        out.writeByte(' ');
        writeDecimal(out, totalSize);
        out.writeBytes(CRLF);
    }

    /** A whole RMSG: control line, {@code payload} (its readable bytes, not consumed) and CRLF. */
    public static void writeRmsg(ByteBuf out, String account, String subject, String replyTo, List<String> queues,
                                 ByteBuf payload) {
        int size = payload.readableBytes();
        writeRmsgLine(out, account, subject, replyTo, queues, size);
        out.writeBytes(payload, payload.readerIndex(), size);
        out.writeBytes(CRLF);
    }

    /** A whole HMSG: control line, {@code message} (headers then payload, not consumed) and CRLF. */
    public static void writeHmsg(ByteBuf out, String account, String subject, String replyTo, List<String> queues,
                                 int headerSize, ByteBuf message) {
        int total = message.readableBytes();
        writeHmsgLine(out, account, subject, replyTo, queues, headerSize, total);
        out.writeBytes(message, message.readerIndex(), total);
        out.writeBytes(CRLF);
    }

    // "<account> <subject> " then "", "<reply> ", "+ <reply> <q1> .. ", or "| <q1> .. "
    private static void writeMiddle(ByteBuf out, byte[] account, byte[] subject, byte[] replyTo,
                                    List<String> queues) {
        out.writeBytes(account);
        out.writeByte(' ');
        out.writeBytes(subject);
        out.writeByte(' ');
        boolean hasReply = replyTo != null && replyTo.length > 0;
        if (queues != null && !queues.isEmpty()) {
            if (hasReply) {
                out.writeByte('+');
                out.writeByte(' ');
                out.writeBytes(replyTo);
            } else {
                out.writeByte('|');
            }
            out.writeByte(' ');
            for (int i = 0, n = queues.size(); i < n; i++) {
                writeWire(out, queues.get(i));
                out.writeByte(' ');
            }
        } else if (hasReply) {
            out.writeBytes(replyTo);
            out.writeByte(' ');
        }
    }

    private static byte[] wire(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes a one-char-per-byte string as its bytes. */
    private static void writeWire(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }

    private static void writeDecimal(ByteBuf out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative size " + value);
        }
        ProtocolEncoder.writeDecimal(out, value);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
