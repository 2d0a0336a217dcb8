package io.natsboot.bench.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as indented JSON: enough for the report, without a JSON library
 * in the benchmark jar. Whole doubles are written without a fraction, others with three decimals, NaN as null.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    static void write(StringBuilder b, Object v, String indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(b, s);
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                b.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                b.append((long) d);
            } else {
                b.append(String.format(Locale.ROOT, "%.3f", d));
            }
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map<?, ?> map) {
            object(b, map, indent);
        } else if (v instanceof Collection<?> list) {
            array(b, list, indent);
        } else {
            quote(b, String.valueOf(v));
        }
    }

    private static void object(StringBuilder b, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            b.append("{}");
            return;
        }
        String inner = indent + "  ";
        b.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            b.append(inner);
            quote(b, String.valueOf(e.getKey()));
            b.append(": ");
            write(b, e.getValue(), inner);
            b.append(++i < map.size() ? ",\n" : "\n");
        }
        b.append(indent).append('}');
    }

    private static void array(StringBuilder b, Collection<?> list, String indent) {
        boolean flat = list.stream().allMatch(x -> x == null || x instanceof Number || x instanceof String);
        if (flat) {
            b.append('[');
            int i = 0;
            for (Object x : list) {
                if (i++ > 0) {
                    b.append(", ");
                }
                write(b, x, indent);
            }
            b.append(']');
            return;
        }
        String inner = indent + "  ";
        b.append("[\n");
        int i = 0;
        for (Object x : list) {
            b.append(inner);
            write(b, x, inner);
            b.append(++i < list.size() ? ",\n" : "\n");
        }
        b.append(indent).append(']');
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
