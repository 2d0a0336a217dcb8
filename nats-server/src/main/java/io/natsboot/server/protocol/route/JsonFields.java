package io.natsboot.server.protocol.route;

import io.natsboot.server.json.JsonException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of the fields of a parsed JSON object; a field that is absent or null gives the default. */
final class JsonFields {

    private JsonFields() {
    }

    static boolean bool(Map<String, Object> m, String key, boolean absent) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new JsonException("field " + key + " is not a boolean");
    }

    static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new JsonException("field " + key + " is not a string");
    }

    static int integer(Map<String, Object> m, String key, int absent) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
            return d.intValue();
        }
        throw new JsonException("field " + key + " is not a 32-bit integer");
    }

    /** An array of strings; absent or null gives an empty list. Immutable. */
    static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new JsonException("field " + key + " holds a value that is not a string");
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        throw new JsonException("field " + key + " is not an array");
    }

    /** A nested object, or null when absent or null. */
    static Map<String, Object> object(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) v;
            return map;
        }
        throw new JsonException("field " + key + " is not an object");
    }
}
