package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Byte-level pieces shared by the client and route decoders: keywords matched in any case, space/tab separators,
 * sizes of at most 9 digits (as nats-server parses them). Stateless.
 */
public final class ControlLines {

    /** Sizes longer than this are refused as nats-server does (999,999,999 bytes at most). */
    private static final int MAX_SIZE_DIGITS = 9;

    private ControlLines() {
    }

    /**
     * The index of the keyword the buffer starts with (compared in upper case), or -1 when none is complete yet.
     */
    public static int matchKeyword(ByteBuf in, int start, int available, byte[][] keywords) {
        byte first = upper(in.getByte(start));
        for (int k = 0; k < keywords.length; k++) {
            byte[] keyword = keywords[k];
            if (keyword[0] == first && available >= keyword.length
                    && regionMatches(in, start, keyword, keyword.length)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether the bytes so far could still become one of the keywords (the op is split across reads). */
    public static boolean isKeywordPrefix(ByteBuf in, int start, int available, byte[][] keywords) {
        for (byte[] keyword : keywords) {
            if (available < keyword.length && regionMatches(in, start, keyword, available)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(ByteBuf in, int start, byte[] keyword, int length) {
        for (int i = 0; i < length; i++) {
            if (upper(in.getByte(start + i)) != keyword[i]) {
                return false;
            }
        }
        return true;
    }

    static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    public static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The first index in [from, to) that is not a space or tab, or {@code to}. */
    public static int skipSeparators(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to && isSeparator(in.getByte(i))) {
            i++;
        }
        return i;
    }

    /** {@link #payloadStatus}: the payload and its CRLF have not all arrived. */
    public static final int PAYLOAD_INCOMPLETE = 0;
    /** {@link #payloadStatus}: the payload and its CRLF are all there. */
    public static final int PAYLOAD_READY = 1;
    /** {@link #payloadStatus}: something other than CRLF follows the payload (Unknown Protocol Operation). */
    public static final int PAYLOAD_BAD_END = -1;

    /**
     * Whether a payload of {@code size} bytes, at the reader index, is complete and followed by exactly CRLF; a
     * wrong byte is reported as soon as it arrives, as nats-server does.
     */
    public static int payloadStatus(ByteBuf in, int size) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available > size && in.getByte(start + size) != '\r') {
            return PAYLOAD_BAD_END;
        }
        if (available > size + 1 && in.getByte(start + size + 1) != '\n') {
            return PAYLOAD_BAD_END;
        }
        return available < size + 2 ? PAYLOAD_INCOMPLETE : PAYLOAD_READY;
    }

    /**
     * Consumes the rest of a line whose content does not matter (after PING, PONG, +OK); true once its LF is
     * consumed, false when everything readable was discarded and the LF is still to come.
     */
    public static boolean skipRestOfLine(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(lf + 1);
        return true;
    }

    /** A non-negative decimal of at most 9 digits, or -1. */
    public static int parseSize(byte[] line, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_SIZE_DIGITS) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
