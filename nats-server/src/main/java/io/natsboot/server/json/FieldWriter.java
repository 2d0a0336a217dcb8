package io.natsboot.server.json;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Where a document writes its fields, in order: {@link JsonWriter} turns them into JSON text (the bytes nats-server
 * serves), {@link MapWriter} into nested ordered maps with the same names (for a caller that renders them itself, e.g.
 * an actuator endpoint). One code path per document keeps the two forms from drifting apart.
 */
public interface FieldWriter {

    FieldWriter field(String name, String value);

    FieldWriter field(String name, long value);

    FieldWriter field(String name, double value);

    FieldWriter field(String name, boolean value);

    FieldWriter field(String name, Collection<String> values);

    /** A map of names to numbers, e.g. {@code http_req_stats}. */
    FieldWriter field(String name, Map<String, ? extends Number> values);

    /** A nested object whose fields {@code body} writes. */
    FieldWriter fieldObject(String name, Consumer<? super FieldWriter> body);

    /** An array of objects, one per item, whose fields {@code body} writes. */
    <T> FieldWriter fieldObjects(String name, Collection<T> items, BiConsumer<? super T, ? super FieldWriter> body);

    /** Writes the field only when the value is neither null nor empty, like Go's {@code omitempty}. */
    default FieldWriter fieldIfSet(String name, String value) {
        return value == null || value.isEmpty() ? this : field(name, value);
    }

    /** Writes the field only when the value is not 0, like Go's {@code omitempty} on a number. */
    default FieldWriter fieldIfNonZero(String name, long value) {
        return value == 0 ? this : field(name, value);
    }

    /** Writes a {@code true} field only when set, like Go's {@code omitempty} on a bool. */
    default FieldWriter fieldIfTrue(String name, boolean value) {
        return value ? field(name, true) : this;
    }

    /** Writes the array only when it has elements, like Go's {@code omitempty} on a slice. */
    default FieldWriter fieldIfNotEmpty(String name, Collection<String> values) {
        return values == null || values.isEmpty() ? this : field(name, values);
    }
}
