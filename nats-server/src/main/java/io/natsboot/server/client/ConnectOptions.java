package io.natsboot.server.client;

import io.natsboot.server.json.JsonException;
import io.natsboot.server.json.JsonReader;

import java.util.Map;

/**
 * The fields of a client's CONNECT. Fields the client omits keep nats-server's pre-CONNECT defaults (verbose,
 * pedantic and echo on). A field of the wrong JSON type makes the whole CONNECT invalid, as in nats-server.
 */
public record ConnectOptions(
        boolean verbose,
        boolean pedantic,
        boolean tlsRequired,
        String authToken,
        String user,
        String pass,
        String name,
        String lang,
        String version,
        int protocol,
        boolean echo,
        boolean headers,
        boolean noResponders,
        String nkey,
        String sig,
        String jwt,
        boolean hasAccount) {

    /** What a client that has not sent CONNECT yet is assumed to want. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(true, true, false, null, null, null, "", "", "",
            0, true, false, false, null, null, null, false);

    /** @throws JsonException when the text is not a JSON object or a known field has the wrong type */
    public static ConnectOptions parse(String json) {
        Map<String, Object> m = JsonReader.parseObject(json);
        return new ConnectOptions(
                bool(m, "verbose", true),
                bool(m, "pedantic", true),
                bool(m, "tls_required", false),
                string(m, "auth_token"),
                string(m, "user"),
                string(m, "pass"),
                stringOr(m, "name", ""),
                stringOr(m, "lang", ""),
                stringOr(m, "version", ""),
                (int) number(m, "protocol"),
                bool(m, "echo", true),
                bool(m, "headers", false),
                bool(m, "no_responders", false),
                string(m, "nkey"),
                string(m, "sig"),
                string(m, "jwt"),
                m.containsKey("account") || m.containsKey("new_account"));
    }

    private static boolean bool(Map<String, Object> m, String key, boolean absent) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new JsonException("field " + key + " is not a boolean");
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new JsonException("field " + key + " is not a string");
    }

    private static String stringOr(Map<String, Object> m, String key, String absent) {
        String s = string(m, key);
        return s == null ? absent : s;
    }

    private static long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        throw new JsonException("field " + key + " is not an integer");
    }
}
