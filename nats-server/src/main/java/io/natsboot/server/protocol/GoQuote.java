package io.natsboot.server.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Quotes a subject, reply or queue for an {@code -ERR} text the way nats-server does (Go's {@code %q} of the raw
 * bytes), so that a client sees the same bytes from both servers whatever the subject holds: quote and backslash are
 * escaped, control and unprintable characters and bytes that are not UTF-8 become escapes, printable UTF-8 stays as it
 * came. The input is the wire bytes as the decoder keeps them (one ISO-8859-1 char per byte); the result is meant to be
 * written as UTF-8.
 */
public final class GoQuote {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    /** {@code "<text>"}, escaped as Go's {@code strconv.Quote} escapes it. */
    public static String quote(String wireBytes) {
        byte[] b = wireBytes.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(b.length + 2).append('"');
        int i = 0;
        while (i < b.length) {
            int len = runeLength(b, i);
            if (len == 0) {
                hexByte(out, b[i] & 0xFF);
                i++;
                continue;
            }
            appendRune(out, decode(b, i, len));
            i += len;
        }
        return out.append('"').toString();
    }

    private static void appendRune(StringBuilder out, int r) {
        if (r == '"' || r == '\\') {
            out.append('\\').append((char) r);
            return;
        }
        if (isPrint(r)) {
            out.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    hexByte(out, r);
                } else if (r < 0x10000) {
                    out.append("\\u");
                    hex(out, r, 4);
                } else {
                    out.append("\\U");
                    hex(out, r, 8);
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int r) {
        if (r < 0x80) {
            return r >= 0x20 && r < 0x7F;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i}, or 0 when the byte there does not start one (Go then
     * escapes that one byte and goes on): no overlong forms, no surrogates, nothing above U+10FFFF.
     */
    private static int runeLength(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + len > b.length) {
            return 0;
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < len; k++) {
            int bk = b[i + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                return 0;
            }
        }
        return len;
    }

    private static int decode(byte[] b, int i, int len) {
        int b0 = b[i] & 0xFF;
        if (len == 1) {
            return b0;
        }
        int r = b0 & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            r = (r << 6) | (b[i + k] & 0x3F);
        }
        return r;
    }

    private static void hexByte(StringBuilder out, int v) {
        out.append("\\x");
        hex(out, v, 2);
    }

    private static void hex(StringBuilder out, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(v >> shift) & 0xF]);
        }
    }
}
