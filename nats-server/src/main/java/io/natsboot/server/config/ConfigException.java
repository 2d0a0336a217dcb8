package io.natsboot.server.config;

/**
 * A config file that cannot be read, parsed or applied. The message starts with {@code file:line:column: } when the
 * problem has a place in a file, and names the offending key when there is one, e.g.
 * {@code nats.conf:12:1: unknown field "max_payloadz"}.
 */
public class ConfigException extends RuntimeException {

    private final transient Location location;
    private final String key;
    private final String detail;

    public ConfigException(String detail) {
        this(null, null, detail, null);
    }

    public ConfigException(Location location, String detail) {
        this(location, null, detail, null);
    }

    public ConfigException(Location location, String key, String detail) {
        this(location, key, detail, null);
    }

    public ConfigException(Location location, String key, String detail, Throwable cause) {
        super(location == null ? detail : location + ": " + detail, cause);
        this.location = location;
        this.key = key;
        this.detail = detail;
    }

    /** Where the problem is, or {@code null} for problems of the options as a whole. */
    public Location location() {
        return location;
    }

    /** The key whose value is wrong, or {@code null}. */
    public String key() {
        return key;
    }

    /** The message without its location prefix. */
    public String detail() {
        return detail;
    }
}
