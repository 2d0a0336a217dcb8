package io.natsboot.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of a parsed config file: a map, a list or a scalar, with the place it was written. Scalars keep the text
 * they were parsed from, so that e.g. a bare {@code 2m} (which the format reads as the size 2,000,000) can still be
 * understood as two minutes by a duration field.
 */
public final class ConfigValue {

    /** What a value is. Sizes such as {@code 1MB} are {@link #INTEGER}s; durations such as {@code 2s} are strings. */
    public enum Type {
        MAP, LIST, STRING, INTEGER, FLOAT, BOOLEAN
    }

    private final Type type;
    private final Object value;
    private final String text;
    private final Location location;

    private ConfigValue(Type type, Object value, String text, Location location) {
        this.type = type;
        this.value = value;
        this.text = text;
        this.location = Objects.requireNonNull(location, "location");
    }

    static ConfigValue newMap(Location location) {
        return new ConfigValue(Type.MAP, new LinkedHashMap<String, ConfigEntry>(), null, location);
    }

    static ConfigValue newList(Location location) {
        return new ConfigValue(Type.LIST, new ArrayList<ConfigValue>(), null, location);
    }

    static ConfigValue scalar(Type type, Object value, String text, Location location) {
        return new ConfigValue(type, value, text, location);
    }

    /** The same value, as seen from another place (a variable reference). */
    ConfigValue relocated(Location where) {
        return new ConfigValue(type, value, text, where);
    }

    public Type type() {
        return type;
    }

    public Location location() {
        return location;
    }

    public boolean isMap() {
        return type == Type.MAP;
    }

    public boolean isList() {
        return type == Type.LIST;
    }

    /** The source text of a scalar (without quotes for strings), {@code null} for maps and lists. */
    public String text() {
        return text;
    }

    /** The Java value: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or the entries / elements. */
    public Object value() {
        return value;
    }

    public String asString() {
        return (String) expect(Type.STRING);
    }

    public long asLong() {
        return (Long) expect(Type.INTEGER);
    }

    public double asDouble() {
        return (Double) expect(Type.FLOAT);
    }

    public boolean asBoolean() {
        return (Boolean) expect(Type.BOOLEAN);
    }

    /** The entries of a map, in the order they were written (a repeated key moves to its last place). */
    @SuppressWarnings("unchecked")
    public Map<String, ConfigEntry> entries() {
        return Collections.unmodifiableMap((Map<String, ConfigEntry>) expect(Type.MAP));
    }

    /** A map's entry for exactly this key, or {@code null}. */
    public ConfigEntry entry(String key) {
        return entries().get(key);
    }

    /** A map's value for exactly this key, or {@code null}. */
    public ConfigValue get(String key) {
        ConfigEntry e = entry(key);
        return e == null ? null : e.value();
    }

    @SuppressWarnings("unchecked")
    public List<ConfigValue> elements() {
        return Collections.unmodifiableList((List<ConfigValue>) expect(Type.LIST));
    }

    @SuppressWarnings("unchecked")
    Map<String, ConfigEntry> mutableEntries() {
        return (Map<String, ConfigEntry>) expect(Type.MAP);
    }

    @SuppressWarnings("unchecked")
    List<ConfigValue> mutableElements() {
        return (List<ConfigValue>) expect(Type.LIST);
    }

    /**
     * Plain Java objects for the whole tree: {@code Map<String,Object>} (insertion ordered), {@code List<Object>},
     * {@code String}, {@code Long}, {@code Double}, {@code Boolean}.
     */
    public Object toPlain() {
        switch (type) {
            case MAP: {
                Map<String, Object> m = new LinkedHashMap<>();
                mutableEntries().forEach((k, e) -> m.put(k, e.value().toPlain()));
                return m;
            }
            case LIST: {
                List<Object> l = new ArrayList<>();
                mutableElements().forEach(v -> l.add(v.toPlain()));
                return l;
            }
            default:
                return value;
        }
    }

    private Object expect(Type wanted) {
        if (type != wanted) {
            throw new IllegalStateException("config value at " + location + " is a " + type + ", not a " + wanted);
        }
        return value;
    }

    /** A short description for error messages, e.g. {@code string "abc"} or {@code map}. */
    public String describe() {
        switch (type) {
            case MAP:
                return "a map";
            case LIST:
                return "an array";
            case STRING:
                return "the string \"" + value + "\"";
            case INTEGER:
                return "the integer " + text;
            case FLOAT:
                return "the number " + text;
            default:
                return "the boolean " + text;
        }
    }

    @Override
    public String toString() {
        return String.valueOf(toPlain());
    }
}
