package io.natsboot.server.fuzz;

import io.natsboot.server.protocol.ErrorTexts;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The oracle of the fuzz tests: everything a server writes to a client or to a route must be a sequence of the ops
 * it knows how to send, each complete and well formed, with payloads of exactly the announced size.
 */
final class Replies {

    /** The fixed {@code -ERR} texts of {@link ErrorTexts}, found by reflection so that new ones count at once. */
    private static final Set<String> CLIENT_ERRORS = fixedErrorTexts();
    /** A subject, reply or queue as nats-server quotes it (Go's %q): a quote or backslash inside is escaped. */
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"";
    /** {@link ErrorTexts}'s parametrised texts. */
    private static final Pattern CLIENT_ERROR_PATTERN = Pattern.compile(
            "Permissions Violation for (Subscription to " + QUOTED + "( using queue " + QUOTED + ")?"
                    + "|Publish to " + QUOTED + "|Publish with Reply of " + QUOTED + ")", Pattern.DOTALL);
    /** What a route may say before it closes (see RouteConnection). */
    private static final Pattern ROUTE_ERROR_PATTERN = Pattern.compile(
            "attempted to connect to route port|Stale Connection|Authorization Violation|Authentication Timeout"
                    + "|Rejecting connection, cluster name \".*\" does not match \".*\"", Pattern.DOTALL);

    /** The client errors after which nats-server closes the connection: nothing may follow them. */
    private static final Set<String> FATAL_CLIENT_ERRORS = Set.of(ErrorTexts.UNKNOWN_PROTOCOL_OPERATION,
            ErrorTexts.MAX_CONTROL_LINE, ErrorTexts.MAX_PAYLOAD, ErrorTexts.MAX_CONNECTIONS,
            ErrorTexts.INVALID_CLIENT_PROTOCOL, ErrorTexts.NO_RESPONDERS_NEEDS_HEADERS,
            ErrorTexts.AUTHORIZATION_VIOLATION, ErrorTexts.AUTHENTICATION_TIMEOUT, ErrorTexts.STALE_CONNECTION);

    private Replies() {
    }

    /** Fails unless {@code out} is a sequence of INFO, +OK, PING, PONG, -ERR, MSG and HMSG ops. */
    static void checkClient(byte[] out) {
        new Reader(out, false).readAll();
    }

    /** Fails unless {@code out} is a sequence of INFO, CONNECT, PING, PONG, -ERR, RS+, RS-, RMSG and HMSG ops. */
    static void checkRoute(byte[] out) {
        new Reader(out, true).readAll();
    }

    private static Set<String> fixedErrorTexts() {
        Set<String> texts = new HashSet<>();
        for (Field f : ErrorTexts.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    texts.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return texts;
    }

    private static final class Reader {
        private final byte[] out;
        private final boolean route;
        private int pos;

        Reader(byte[] out, boolean route) {
            this.out = out;
            this.route = route;
        }

        void readAll() {
            while (pos < out.length) {
                int opStart = pos;
                String line = nextLine();
                try {
                    readOp(line);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + " at offset " + opStart + " of:\n" + printable(), e);
                }
            }
        }

        private void readOp(String line) {
            if (line.equals("PING") || line.equals("PONG")) {
                return;
            }
            if (line.startsWith("INFO {") && line.endsWith("}")) {
                return;
            }
            if (line.startsWith("-ERR '") && line.endsWith("'") && line.length() >= 7) {
                String text = line.substring(6, line.length() - 1);
                boolean known = route ? ROUTE_ERROR_PATTERN.matcher(text).matches()
                        : CLIENT_ERRORS.contains(text) || CLIENT_ERROR_PATTERN.matcher(text).matches();
                if (!known) {
                    throw new AssertionError("unknown -ERR text '" + text + "'");
                }
                // a route closes after every -ERR it sends
                if ((route || FATAL_CLIENT_ERRORS.contains(text)) && pos < out.length) {
                    throw new AssertionError("bytes after the closing -ERR '" + text + "'");
                }
                return;
            }
            String[] parts = line.split(" ", -1);
            for (String p : parts) {
                if (p.isEmpty()) {
                    throw new AssertionError("empty argument in '" + line + "'");
                }
            }
            if (route) {
                readRouteOp(line, parts);
            } else {
                readClientOp(line, parts);
            }
        }

        // MSG <subject> <sid> [reply] <size>    HMSG <subject> <sid> [reply] <hdr> <total>
        private void readClientOp(String line, String[] parts) {
            switch (parts[0]) {
                case "+OK" -> expect(parts.length == 1, line);
                case "MSG" -> {
                    expect(parts.length == 4 || parts.length == 5, line);
                    payload(size(parts[parts.length - 1], line), -1, line);
                }
                case "HMSG" -> {
                    expect(parts.length == 5 || parts.length == 6, line);
                    payload(size(parts[parts.length - 1], line), size(parts[parts.length - 2], line), line);
                }
                default -> throw new AssertionError("not a server-to-client op: '" + line + "'");
            }
        }

        // RS+ $G <subject> [<queue> <weight>]   RS- $G <subject> [<queue>]
        // RMSG $G <subject> [reply | + reply queues | \| queues] <size>   HMSG ... <hdr> <total>
        private void readRouteOp(String line, String[] parts) {
            switch (parts[0]) {
                case "CONNECT" -> expect(line.startsWith("CONNECT {") && line.endsWith("}"), line);
                case "RS+" -> {
                    expect(parts.length == 3 || parts.length == 5, line);
                    expect(parts[1].equals("$G"), line);
                    if (parts.length == 5) {
                        size(parts[4], line);
                    }
                }
                case "RS-" -> expect((parts.length == 3 || parts.length == 4) && parts[1].equals("$G"), line);
                case "RMSG", "HMSG" -> {
                    boolean headers = parts[0].equals("HMSG");
                    int sizes = headers ? 2 : 1;
                    int middle = parts.length - 3 - sizes;
                    expect(middle >= 0 && parts[1].equals("$G"), line);
                    if (middle >= 2) {
                        expect(parts[3].equals("+") && middle >= 3 || parts[3].equals("|"), line);
                    }
                    int total = size(parts[parts.length - 1], line);
                    payload(total, headers ? size(parts[parts.length - 2], line) : -1, line);
                }
                default -> throw new AssertionError("not a route op: '" + line + "'");
            }
        }

        private String nextLine() {
            int lf = -1;
            for (int i = pos; i < out.length; i++) {
                if (out[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0 || lf == pos || out[lf - 1] != '\r') {
                throw new AssertionError("incomplete or bare-LF line at offset " + pos + " of:\n" + printable());
            }
            String line = new String(out, pos, lf - 1 - pos, StandardCharsets.ISO_8859_1);
            pos = lf + 1;
            return line;
        }

        private void payload(int total, int headerSize, String line) {
            expect(headerSize <= total, line);
            expect(pos + total + 2 <= out.length, line);
            expect(out[pos + total] == '\r' && out[pos + total + 1] == '\n', line);
            pos += total + 2;
        }

        private static int size(String digits, String line) {
            expect(digits.chars().allMatch(c -> c >= '0' && c <= '9') && digits.length() <= 9, line);
            return Integer.parseInt(digits);
        }

        private static void expect(boolean condition, String line) {
            if (!condition) {
                throw new AssertionError("malformed op '" + line + "'");
            }
        }

        private String printable() {
            return new String(out, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n");
        }
    }
}
