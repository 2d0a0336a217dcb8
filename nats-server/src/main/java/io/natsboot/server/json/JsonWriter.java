package io.natsboot.server.json;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Builds compact JSON text field by field, in the order written (INFO and the monitoring documents have a fixed key
 * order). Not thread-safe; one per document.
 */
public final class JsonWriter implements FieldWriter {

    private final StringBuilder sb;
    private boolean first = true;

    private JsonWriter(StringBuilder sb) {
        this.sb = sb;
    }

    /** Starts an object; finish it with {@link #end()}. */
    public static JsonWriter object() {
        JsonWriter w = new JsonWriter(new StringBuilder(256));
        w.sb.append('{');
        return w;
    }

    @Override
    public JsonWriter field(String name, String value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else {
            string(sb, value);
        }
        return this;
    }

    /** Writes the field only when the value is neither null nor empty, like Go's {@code omitempty}. */
    @Override
    public JsonWriter fieldIfSet(String name, String value) {
        return value == null || value.isEmpty() ? this : field(name, value);
    }

    @Override
    public JsonWriter field(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** Writes the field only when the value is not 0, like Go's {@code omitempty} on a number. */
    @Override
    public JsonWriter fieldIfNonZero(String name, long value) {
        return value == 0 ? this : field(name, value);
    }

    /** Writes a number as Go's encoder does: {@code 2}, not {@code 2.0}; {@code 1e-7}, not {@code 1.0E-7}. */
    @Override
    public JsonWriter field(String name, double value) {
        key(name);
        number(sb, value);
        return this;
    }

    @Override
    public JsonWriter field(String name, boolean value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** Writes a {@code true} field only when set, like Go's {@code omitempty} on a bool. */
    @Override
    public JsonWriter fieldIfTrue(String name, boolean value) {
        return value ? field(name, true) : this;
    }

    /** Writes {@code value} as already-encoded JSON (an object or array built elsewhere). */
    public JsonWriter rawField(String name, String json) {
        key(name);
        sb.append(json);
        return this;
    }

    @Override
    public JsonWriter field(String name, Collection<String> values) {
        key(name);
        sb.append('[');
        boolean firstValue = true;
        for (String v : values) {
            if (!firstValue) {
                sb.append(',');
            }
            firstValue = false;
            string(sb, v);
        }
        sb.append(']');
        return this;
    }

    /** Writes the array only when it has elements, like Go's {@code omitempty} on a slice. */
    @Override
    public JsonWriter fieldIfNotEmpty(String name, Collection<String> values) {
        return values == null || values.isEmpty() ? this : field(name, values);
    }

    /** Writes a map of names to numbers, e.g. {@code http_req_stats}. */
    @Override
    public JsonWriter field(String name, Map<String, ? extends Number> values) {
        key(name);
        sb.append('{');
        boolean firstValue = true;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            if (!firstValue) {
                sb.append(',');
            }
            firstValue = false;
            string(sb, e.getKey());
            sb.append(':').append(e.getValue());
        }
        sb.append('}');
        return this;
    }

    @Override
    public JsonWriter fieldObject(String name, Consumer<? super FieldWriter> body) {
        key(name);
        sb.append('{');
        body.accept(new JsonWriter(sb));
        sb.append('}');
        return this;
    }

    @Override
    public <T> JsonWriter fieldObjects(String name, Collection<T> items,
                                      BiConsumer<? super T, ? super FieldWriter> body) {
        key(name);
        sb.append('[');
        boolean firstItem = true;
        for (T item : items) {
            if (!firstItem) {
                sb.append(',');
            }
            firstItem = false;
            sb.append('{');
            body.accept(item, new JsonWriter(sb));
            sb.append('}');
        }
        sb.append(']');
        return this;
    }

    public String end() {
        sb.append('}');
        return sb.toString();
    }

    /** A JSON array of already-encoded elements. */
    public static String array(Collection<String> encodedElements) {
        StringBuilder sb = new StringBuilder(64 * (encodedElements.size() + 1));
        sb.append('[');
        boolean first = true;
        for (String e : encodedElements) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e);
        }
        return sb.append(']').toString();
    }

    private void key(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(sb, name);
        sb.append(':');
    }

    static void number(StringBuilder sb, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            sb.append('0');
            return;
        }
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e15) {
            sb.append((long) value);
            return;
        }
        String shortest = Double.toString(value);
        if (abs >= 1e-6 && abs < 1e21) {
            sb.append(new BigDecimal(shortest).toPlainString());
            return;
        }
        // Go's exponent form: shortest mantissa, explicit sign, at least one exponent digit
        int e = shortest.indexOf('E');
        String mantissa = shortest.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(shortest.substring(e + 1));
        sb.append(mantissa).append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                // Go's encoder escapes these for HTML safety; clients accept either form, we match the bytes.
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
