package io.natsboot.server.auth;

import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares client-presented secrets with configured ones without leaking timing. Stateless. */
public final class Secrets {

    private Secrets() {
    }

    /** Whether {@code configured} looks like a bcrypt hash, which nats-server recognises by its prefix. */
    public static boolean isBcrypt(String configured) {
        return configured.startsWith("$2a$") || configured.startsWith("$2b$") || configured.startsWith("$2y$");
    }

    /**
     * Whether the client's secret matches the configured one: a bcrypt check for a hash, else a constant-time
     * comparison. A missing client secret counts as empty, as in nats-server.
     */
    public static boolean matches(String configured, String presented) {
        String given = presented == null ? "" : presented;
        if (isBcrypt(configured)) {
            try {
                return BCrypt.checkpw(given, configured);
            } catch (IllegalArgumentException malformedHash) {
                return false;
            }
        }
        return constantTimeEquals(configured, given);
    }

    /** String equality whose time depends only on the lengths, not on where the first difference is. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
