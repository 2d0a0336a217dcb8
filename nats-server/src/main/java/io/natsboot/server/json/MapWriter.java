package io.natsboot.server.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Collects a document's fields into an ordered map (nested objects as maps, arrays as lists), with the names and
 * the omissions of its JSON form. Not thread-safe; one per document.
 */
public final class MapWriter implements FieldWriter {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Collects what {@code body} writes. */
    public static Map<String, Object> collect(Consumer<? super FieldWriter> body) {
        MapWriter w = new MapWriter();
        body.accept(w);
        return w.map();
    }

    /** The fields written so far, in order; unmodifiable. */
    public Map<String, Object> map() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public MapWriter field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public MapWriter field(String name, long value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public MapWriter field(String name, double value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public MapWriter field(String name, boolean value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public MapWriter field(String name, Collection<String> values) {
        fields.put(name, List.copyOf(values));
        return this;
    }

    @Override
    public MapWriter field(String name, Map<String, ? extends Number> values) {
        fields.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        return this;
    }

    @Override
    public MapWriter fieldObject(String name, Consumer<? super FieldWriter> body) {
        fields.put(name, collect(body));
        return this;
    }

    @Override
    public <T> MapWriter fieldObjects(String name, Collection<T> items,
            BiConsumer<? super T, ? super FieldWriter> body) {
        List<Map<String, Object>> list = new ArrayList<>(items.size());
        for (T item : items) {
            list.add(collect(w -> body.accept(item, w)));
        }
        fields.put(name, Collections.unmodifiableList(list));
        return this;
    }
}
