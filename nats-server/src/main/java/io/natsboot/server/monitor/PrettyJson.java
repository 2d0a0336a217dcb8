package io.natsboot.server.monitor;

/**
 * Re-lays compact JSON with two-space indentation, one member per line, {@code "key": value}, and empty objects and
 * arrays kept as {@code {}} and {@code []}: the layout of nats-server's monitoring pages. Stateless.
 */
final class PrettyJson {

    private PrettyJson() {
    }

    /** {@code compact} must be valid JSON without whitespace outside strings (as {@code JsonWriter} writes it). */
    static String indent(String compact) {
        StringBuilder sb = new StringBuilder(compact.length() * 2);
        int depth = 0;
        int n = compact.length();
        for (int i = 0; i < n; i++) {
            char c = compact.charAt(i);
            switch (c) {
                case '"' -> i = copyString(compact, i, sb);
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < n && compact.charAt(i + 1) == close) {
                        sb.append(c).append(close);
                        i++;
                    } else {
                        sb.append(c);
                        newline(sb, ++depth);
                    }
                }
                case '}', ']' -> {
                    newline(sb, --depth);
                    sb.append(c);
                }
                case ',' -> {
                    sb.append(',');
                    newline(sb, depth);
                }
                case ':' -> sb.append(": ");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Copies the string starting at the quote at {@code start}; returns the index of its closing quote. */
    private static int copyString(String s, int start, StringBuilder sb) {
        int i = start + 1;
        while (s.charAt(i) != '"') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        sb.append(s, start, i + 1);
        return i;
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }
}
