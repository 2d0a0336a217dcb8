package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes server → client ops into a buffer: MSG, HMSG, -ERR, INFO and the fixed replies. Stateless.
 *
 * <pre>
 *   MSG  &lt;subject&gt; &lt;sid&gt; [reply-to] &lt;#bytes&gt;\r\n&lt;payload&gt;\r\n
 *   HMSG &lt;subject&gt; &lt;sid&gt; [reply-to] &lt;#header bytes&gt; &lt;#total bytes&gt;\r\n&lt;headers+payload&gt;\r\n
 * </pre>
 */
public final class ProtocolEncoder {

    public static final byte[] PING = ascii("PING\r\n");
    public static final byte[] PONG = ascii("PONG\r\n");
    public static final byte[] OK = ascii("+OK\r\n");
    public static final byte[] CRLF = ascii("\r\n");
    /** The status-only header block of a no-responders reply: {@code NATS/1.0 503}, then the blank line. */
    public static final byte[] NO_RESPONDERS_HEADER = ascii("NATS/1.0 503\r\n\r\n");

    private static final byte[] MSG = ascii("MSG ");
    private static final byte[] HMSG = ascii("HMSG ");

    private ProtocolEncoder() {
    }

    /** Bytes of an argument held as a one-char-per-byte String. */
    public static byte[] bytes(String wireString) {
        return wireString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The size of the control line of a MSG/HMSG, to size buffers before writing. */
    public static int controlLineSize(byte[] subject, byte[] sid, byte[] replyTo, boolean headers) {
        // "HMSG " + subject + ' ' + sid + [' ' + reply] + ' ' + 10 digits + ' ' + 10 digits + CRLF
        return 5 + subject.length + 1 + sid.length + (replyTo == null ? 0 : replyTo.length + 1)
                + (headers ? 22 : 11) + 2;
    }

    /** {@code MSG subject sid [reply] size\r\n} followed by {@code payload} and CRLF. */
    public static void writeMsg(ByteBuf out, byte[] subject, byte[] sid, byte[] replyTo, ByteBuf payload) {
        int size = payload.readableBytes();
        writeMsgLine(out, subject, sid, replyTo, size);
        out.writeBytes(payload, payload.readerIndex(), size);
        out.writeBytes(CRLF);
    }

    /** The control line alone, for a payload appended by the caller (e.g. shared rather than copied). */
    public static void writeMsgLine(ByteBuf out, byte[] subject, byte[] sid, byte[] replyTo, int size) {
        out.writeBytes(MSG);
        writeArgs(out, subject, sid, replyTo);
        writeDecimal(out, size);
        out.writeBytes(CRLF);
    }

    /** {@code HMSG subject sid [reply] hdr total\r\n} followed by {@code message} (headers + payload) and CRLF. */
    public static void writeHmsg(ByteBuf out, byte[] subject, byte[] sid, byte[] replyTo, int headerSize,
                                 ByteBuf message) {
        int total = message.readableBytes();
        writeHmsgLine(out, subject, sid, replyTo, headerSize, total);
        out.writeBytes(message, message.readerIndex(), total);
        out.writeBytes(CRLF);
    }

    public static void writeHmsgLine(ByteBuf out, byte[] subject, byte[] sid, byte[] replyTo, int headerSize,
                                     int total) {
        out.writeBytes(HMSG);
        writeArgs(out, subject, sid, replyTo);
        writeDecimal(out, headerSize);
        out.writeByte(' ');
        writeDecimal(out, total);
        out.writeBytes(CRLF);
    }

    /** {@code -ERR '<text>'\r\n}. */
    public static byte[] err(String text) {
        return ("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code INFO <json>\r\n}. */
    public static byte[] info(String json) {
        return ("INFO " + json + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void writeArgs(ByteBuf out, byte[] subject, byte[] sid, byte[] replyTo) {
        out.writeBytes(subject);
        out.writeByte(' ');
        out.writeBytes(sid);
        out.writeByte(' ');
        if (replyTo != null) {
            out.writeBytes(replyTo);
            out.writeByte(' ');
        }
    }

    /** A non-negative int in decimal, without allocating. */
    public static void writeDecimal(ByteBuf out, int value) {
        if (value < 10) {
            out.writeByte('0' + value);
            return;
        }
        int digits = 1;
        for (int v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (int v = value; v > 0; v /= 10) {
            out.setByte(--at, '0' + v % 10);
        }
        out.writerIndex(out.writerIndex() + digits);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
