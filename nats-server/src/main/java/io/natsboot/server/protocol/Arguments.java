package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoder's copy of one control line and its arguments as offsets into it: one bulk read instead of a
 * bounds-checked call per byte. Reused line after line by one decoder.
 */
public final class Arguments {

    private byte[] line = new byte[256];

    private int[] start = new int[8];
    private int[] end = new int[8];

    /** Copies {@code length} bytes of {@code in} from {@code from} into the line buffer and returns it. */
    public byte[] copyLine(ByteBuf in, int from, int length) {
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
        in.getBytes(from, line, 0, length);
        return line;
    }

    /**
     * Splits {@code line[0, length)} at spaces and tabs.
     *
     * @return how many arguments there are, or {@code limit + 1} as soon as there are more than {@code limit}
     */
    public int split(byte[] line, int length, int limit) {
        int n = 0;
        int i = 0;
        while (i < length) {
            while (i < length && ControlLines.isSeparator(line[i])) {
                i++;
            }
            if (i >= length) {
                break;
            }
            if (n == limit) {
                return limit + 1;
            }
            if (n == start.length) {
                start = Arrays.copyOf(start, n * 2);
                end = Arrays.copyOf(end, n * 2);
            }
            start[n] = i;
            while (i < length && !ControlLines.isSeparator(line[i])) {
                i++;
            }
            end[n++] = i;
        }
        return n;
    }

    public int start(int index) {
        return start[index];
    }

    public int end(int index) {
        return end[index];
    }

    /** Argument {@code index} as a one-char-per-byte String. */
    public String string(byte[] line, int index) {
        return new String(line, start[index], end[index] - start[index], StandardCharsets.ISO_8859_1);
    }

    /** Argument {@code index} parsed as a size, or -1. */
    public int size(byte[] line, int index) {
        return ControlLines.parseSize(line, start[index], end[index]);
    }
}
