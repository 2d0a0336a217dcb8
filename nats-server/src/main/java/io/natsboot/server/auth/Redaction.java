package io.natsboot.server.auth;

import java.util.regex.Pattern;

/**
 * Hides secrets in a CONNECT before it is traced: nats-server writes {@code "pass":"[REDACTED]"}; natsboot also
 * hides {@code auth_token}, which is as secret. Stateless.
 */
public final class Redaction {

    private static final Pattern SECRET = Pattern.compile(
            "(\"(?i:pass|auth_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private Redaction() {
    }

    public static String connect(String json) {
        return SECRET.matcher(json).replaceAll("$1\"[REDACTED]\"");
    }
}
