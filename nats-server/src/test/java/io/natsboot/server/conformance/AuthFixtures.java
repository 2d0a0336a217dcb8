package io.natsboot.server.conformance;

import io.nats.client.NKey;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.security.SecureRandom;

/** Credentials made once per test run for the auth profiles: nothing secret is committed. */
final class AuthFixtures {

    /** bcrypt of {@code "pw"}, cost 4 (the lowest both servers accept) to keep tests quick. */
    static final String BCRYPT_PW = BCrypt.hashpw("pw", BCrypt.gensalt(4));
    static final NKey NKEY = newUser();
    static final String NKEY_PUBLIC = publicKey(NKEY);

    private AuthFixtures() {
    }

    private static NKey newUser() {
        try {
            return NKey.createUser(new SecureRandom());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKey(NKey key) {
        try {
            return new String(key.getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
