package io.natsboot.server.config;

import io.natsboot.server.options.GoDuration;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.subject.Subjects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code permissions} block into {@link Permissions}, with nats-server 2.9's keys, aliases and messages:
 * {@code publish}/{@code pub}/{@code import} and {@code subscribe}/{@code sub}/{@code export}, each a subject, a list
 * of subjects, or {@code {allow, deny}}; {@code allow_responses} as {@code true} or {@code {max, expires}}. Stateless.
 */
final class PermissionsConfig {

    private PermissionsConfig() {
    }

    static Permissions parse(ConfigEntry block) {
        if (!block.value().isMap()) {
            throw fail(block, "Expected permissions to be a map/struct, got " + block.value().describe());
        }
        Permissions p = new Permissions();
        for (ConfigEntry e : block.value().entries().values()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "pub", "publish", "import" -> p.setPublish(subjectPermission(e));
                case "sub", "subscribe", "export" -> p.setSubscribe(subjectPermission(e));
                case "publish_allow_responses", "allow_responses" -> p.setResponse(responses(e));
                default -> {
                    if (!e.isReferenced()) {
                        throw fail(e, "Unknown field \"" + e.key() + "\" parsing permissions");
                    }
                }
            }
        }
        // nats-server: a responder with no publish rights of its own may publish only its replies
        if (p.getResponse() != null && p.getPublish() == null) {
            p.setPublish(new Permissions.SubjectPermission());
        }
        return p;
    }

    private static Permissions.SubjectPermission subjectPermission(ConfigEntry e) {
        Permissions.SubjectPermission sp = new Permissions.SubjectPermission();
        if (!e.value().isMap()) {
            sp.getAllow().addAll(subjects(e, e.value()));
            return sp;
        }
        if (e.value().entries().isEmpty()) {
            return null;
        }
        for (ConfigEntry f : e.value().entries().values()) {
            switch (f.key().toLowerCase(Locale.ROOT)) {
                case "allow" -> sp.getAllow().addAll(subjects(f, f.value()));
                case "deny" -> sp.getDeny().addAll(subjects(f, f.value()));
                default -> {
                    if (!f.isReferenced()) {
                        throw fail(f, "Unknown field name \"" + f.key()
                                + "\" parsing subject permissions, only 'allow' or 'deny' are permitted");
                    }
                }
            }
        }
        return sp;
    }

    private static List<String> subjects(ConfigEntry e, ConfigValue v) {
        List<String> subjects = new ArrayList<>();
        if (v.type() == ConfigValue.Type.STRING) {
            subjects.add(v.asString());
        } else if (v.isList()) {
            for (ConfigValue s : v.elements()) {
                if (s.type() != ConfigValue.Type.STRING) {
                    throw new ConfigException(s.location(), e.key(),
                            "Subject in permissions array cannot be cast to string");
                }
                subjects.add(s.asString());
            }
        } else {
            throw fail(e, "Expected subject permissions to be a subject, or array of subjects, got "
                    + v.describe());
        }
        for (String s : subjects) {
            checkSubject(e, s);
        }
        return subjects;
    }

    /** A subject, or {@code "subject queue"} (a queue permission), as nats-server accepts them. */
    private static void checkSubject(ConfigEntry e, String s) {
        if (Subjects.isValidSubscribeSubject(s)) {
            return;
        }
        String[] parts = s.trim().split("\\s+");
        if (parts.length != 2) {
            throw fail(e, "subject \"" + s + "\" is not a valid subject");
        }
        if (!Subjects.isValidSubscribeSubject(parts[0])) {
            throw fail(e, "subject \"" + parts[0] + "\" is not a valid subject");
        }
    }

    private static Permissions.ResponsePermission responses(ConfigEntry e) {
        ConfigValue v = e.value();
        if (v.type() == ConfigValue.Type.BOOLEAN) {
            return v.asBoolean() ? new Permissions.ResponsePermission() : null;
        }
        if (!v.isMap()) {
            throw fail(e, "error parsing response permissions, expected a boolean or a map");
        }
        Permissions.ResponsePermission rp = new Permissions.ResponsePermission();
        for (ConfigEntry f : v.entries().values()) {
            switch (f.key().toLowerCase(Locale.ROOT)) {
                case "max", "max_msgs", "max_messages", "max_responses" -> {
                    if (f.value().type() != ConfigValue.Type.INTEGER) {
                        throw fail(f, "error parsing max responses, expected an integer, got "
                                + f.value().describe());
                    }
                    long max = f.value().asLong();
                    if (max != 0) {
                        rp.setMaxMsgs((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, max)));
                    }
                }
                case "expires", "expiration", "ttl" -> {
                    if (f.value().type() != ConfigValue.Type.STRING) {
                        throw fail(f, "error parsing expires, not a duration string");
                    }
                    Duration ttl;
                    try {
                        ttl = GoDuration.parse(f.value().asString());
                    } catch (IllegalArgumentException bad) {
                        throw fail(f, "error parsing expires: time: invalid duration \"" + f.value().asString()
                                + "\"");
                    }
                    if (!ttl.isZero()) {
                        rp.setExpires(ttl);
                    }
                }
                default -> {
                    if (!f.isReferenced()) {
                        throw fail(f, "Unknown field \"" + f.key() + "\" parsing permissions");
                    }
                }
            }
        }
        return rp;
    }

    private static ConfigException fail(ConfigEntry e, String message) {
        return new ConfigException(e.location(), e.key(), message);
    }
}
