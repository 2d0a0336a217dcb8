package io.natsboot.server.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh per-connection nonces for nkey authentication, shaped like nats-server's: 11 random bytes in unpadded
 * base64url, 15 characters. Thread-safe.
 */
public final class Nonce {

    private static final int RANDOM_BYTES = 11;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Nonce() {
    }

    public static String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
