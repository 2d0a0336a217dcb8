package io.natsboot.server.monitor;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query of one monitoring request, read the way nats-server reads it: the first value of each parameter, an
 * absent or empty one meaning the default, and a malformed one a {@link BadQueryException} with nats-server's text.
 */
final class QueryParams {

    /** A parameter that could not be read; its message is the 400 response body. */
    static final class BadQueryException extends RuntimeException {
        BadQueryException(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, List<String>> params;

    QueryParams(QueryStringDecoder decoder) {
        this.params = decoder.parameters();
    }

    /** The first value, or {@code ""} when absent. */
    String get(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    boolean bool(String name) {
        String s = get(name);
        return switch (s) {
            case "" -> false;
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new BadQueryException("Error decoding boolean for '" + name
                    + "': strconv.ParseBool: parsing " + quote(s) + ": invalid syntax");
        };
    }

    /** A signed integer; values beyond an {@code int} are clamped, as no page is that large. */
    int integer(String name) {
        String s = get(name);
        if (s.isEmpty()) {
            return 0;
        }
        if (!isInteger(s)) {
            throw new BadQueryException("Error decoding int for '" + name + "': strconv.Atoi: parsing " + quote(s)
                    + ": invalid syntax");
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BadQueryException("Error decoding int for '" + name + "': strconv.Atoi: parsing " + quote(s)
                    + ": value out of range");
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** An unsigned integer; one beyond a signed {@code long} becomes {@link Long#MAX_VALUE} (no cid is that high). */
    long unsigned(String name) {
        String s = get(name);
        if (s.isEmpty()) {
            return 0;
        }
        boolean digits = s.charAt(0) != '+' && s.charAt(0) != '-' && isInteger(s);
        if (digits) {
            try {
                long v = Long.parseUnsignedLong(s);
                return v < 0 ? Long.MAX_VALUE : v;
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        throw new BadQueryException("Error decoding uint64 for '" + name + "': strconv.ParseUint: parsing "
                + quote(s) + (digits ? ": value out of range" : ": invalid syntax"));
    }

    /** {@code subs=detail} → detail; otherwise {@code subs} is a boolean. Returns {subs, detail}. */
    boolean[] subs() {
        if (get("subs").toLowerCase(Locale.ROOT).equals("detail")) {
            return new boolean[] {false, true};
        }
        return new boolean[] {bool("subs"), false};
    }

    Connz.State state() {
        String s = get("state");
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "", "open" -> Connz.State.OPEN;
            case "closed" -> Connz.State.CLOSED;
            case "any", "all" -> Connz.State.ALL;
            default -> throw new BadQueryException("Error decoding state for " + s);
        };
    }

    private static boolean isInteger(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
