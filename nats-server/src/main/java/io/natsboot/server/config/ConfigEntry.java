package io.natsboot.server.config;

/**
 * One {@code key: value} of a config map, with where the key was written. An entry that some {@code $key} reference
 * used is a variable definition: it is still in its map but the option mapping does not treat it as an unknown field.
 */
public final class ConfigEntry {

    private final String key;
    private final ConfigValue value;
    private final Location location;
    private boolean referenced;

    ConfigEntry(String key, ConfigValue value, Location location) {
        this.key = key;
        this.value = value;
        this.location = location;
    }

    /** The key as written (case preserved). */
    public String key() {
        return key;
    }

    public ConfigValue value() {
        return value;
    }

    /** Where the key starts. */
    public Location location() {
        return location;
    }

    /** Whether a {@code $key} reference used this entry as a variable. */
    public boolean isReferenced() {
        return referenced;
    }

    void markReferenced() {
        referenced = true;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
