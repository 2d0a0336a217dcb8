package io.natsboot.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns argument bytes into a String, handing back the previous instance when the bytes repeat: a publisher (or a
 * route) usually keeps its subject, and the same instance lets the connection reuse what it worked out for it.
 */
public final class RepeatedString {

    private byte[] lastBytes;
    private String last;

    public String of(byte[] line, int from, int to) {
        byte[] bytes = lastBytes;
        if (bytes != null && Arrays.equals(bytes, 0, bytes.length, line, from, to)) {
            return last;
        }
        lastBytes = Arrays.copyOfRange(line, from, to);
        last = new String(lastBytes, StandardCharsets.ISO_8859_1);
        return last;
    }
}
