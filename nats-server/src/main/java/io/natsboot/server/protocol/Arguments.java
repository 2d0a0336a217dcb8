package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoder's copy of one control line and its arguments as offsets into it: one bulk read instead of a
 * bounds-checked call per byte. Reused line after line by one decoder.
 */
public final class Arguments {

    /** Eight bytes of a line at a time, the first of them in the lowest byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SPACES = ' ' * ONES;
    private static final long TABS = '\t' * ONES;

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
            i = nextSeparator(line, i, length);
            end[n++] = i;
        }
        return n;
    }

    /**
     * The index of the first space or tab in {@code line[from, to)}, or {@code to}: eight bytes per step, as the
     * arguments (subjects above all) are mostly longer than that and this is on every message's way.
     */
    static int nextSeparator(byte[] line, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(line, i);
            long spaces = word ^ SPACES;
            long tabs = word ^ TABS;
            // a high bit for each byte that was zero after the XOR; below the first such byte no false one is set
            long found = ((spaces - ONES) & ~spaces | (tabs - ONES) & ~tabs) & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < to && !ControlLines.isSeparator(line[i])) {
            i++;
        }
        return i;
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
