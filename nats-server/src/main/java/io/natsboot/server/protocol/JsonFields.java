package io.natsboot.server.protocol;

import io.natsboot.server.json.JsonException;
import io.natsboot.server.json.JsonReader;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON a client sends (CONNECT, INFO) the way nats-server's Go decoder does: keys match field names
 * case-insensitively, {@code null} leaves a field as it was, a value of the wrong type makes the whole document
 * invalid, and the document may be {@code null} itself. Unknown keys are ignored.
 */
public final class JsonFields {

    /** The JSON types of the fields nats-server decodes. */
    public enum Kind { STRING, BOOL, INT, INT32, UINT64, BYTE, STRING_LIST, BASE64, PERMISSIONS }

    private final Map<String, Object> values;

    private JsonFields(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Parses {@code json} and checks every field named in {@code kinds} (lower-case names) against its kind.
     *
     * @throws JsonException when the text is neither a JSON object nor {@code null}, or a field has the wrong type
     */
    public static JsonFields parse(String json, Map<String, Kind> kinds) {
        if (isNull(json)) {
            return new JsonFields(Map.of());
        }
        Map<String, Object> folded = new HashMap<>();
        for (Map.Entry<String, Object> e : JsonReader.parseObject(json).entrySet()) {
            String key = fold(e.getKey());
            Kind kind = kinds.get(key);
            if (kind != null) {
                check(key, kind, e.getValue());
                folded.put(key, e.getValue());
            }
        }
        return new JsonFields(folded);
    }

    boolean bool(String key, boolean absent) {
        Object v = values.get(key);
        return v == null ? absent : (Boolean) v;
    }

    String string(String key, String absent) {
        Object v = values.get(key);
        return v == null ? absent : (String) v;
    }

    long integer(String key, long absent) {
        Object v = values.get(key);
        return v == null ? absent : (Long) v;
    }

    private static void check(String key, Kind kind, Object v) {
        if (v == null) {
            return;
        }
        boolean ok = switch (kind) {
            case STRING -> v instanceof String;
            case BOOL -> v instanceof Boolean;
            case INT -> v instanceof Long;
            case INT32 -> v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
            case UINT64 -> v instanceof Long l && l >= 0;
            case BYTE -> v instanceof Long l && l >= 0 && l <= 255;
            case STRING_LIST -> isStringList(v);
            case BASE64 -> v instanceof String s && isBase64(s);
            case PERMISSIONS -> isPermissions(v);
        };
        if (!ok) {
            throw new JsonException("field " + key + " is not of type " + kind);
        }
    }

    private static boolean isStringList(Object v) {
        if (v == null) {
            return true;
        }
        if (!(v instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            if (o != null && !(o instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(String s) {
        try {
            // Go's standard decoder skips line breaks
            Base64.getDecoder().decode(s.replace("\r", "").replace("\n", ""));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // {"allow": [...], "deny": [...]}
    private static boolean isPermissions(Object v) {
        if (!(v instanceof Map<?, ?> map)) {
            return false;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = fold((String) e.getKey());
            if ((key.equals("allow") || key.equals("deny")) && !isStringList(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNull(String json) {
        int from = 0;
        int to = json.length();
        while (from < to && isJsonSpace(json.charAt(from))) {
            from++;
        }
        while (to > from && isJsonSpace(json.charAt(to - 1))) {
            to--;
        }
        return json.startsWith("null", from) && to - from == 4;
    }

    private static boolean isJsonSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Case folding as Go's JSON field matching does it for ASCII field names (Kelvin sign and long s included). */
    static String fold(String key) {
        StringBuilder sb = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            char f = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c == '\u212A' ? 'k' : c == '\u017F' ? 's' : c;
            if (f != c && sb == null) {
                sb = new StringBuilder(key.length()).append(key, 0, i);
            }
            if (sb != null) {
                sb.append(f);
            }
        }
        return sb == null ? key : sb.toString();
    }
}
