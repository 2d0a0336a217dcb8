package io.natsboot.server.conformance;

import io.nats.client.NKey;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.config.ConfigFileOptions;
import io.natsboot.server.config.ConfigParser;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.file.Path;
import java.security.SecureRandom;

/** Credentials made once per test run for the auth profiles: nothing secret is committed. */
final class AuthFixtures {

    /** bcrypt of {@code "pw"}, cost 4 (the lowest both servers accept) to keep tests quick. */
    static final String BCRYPT_PW = BCrypt.hashpw("pw", BCrypt.gensalt(4));
    static final NKey NKEY = newUser();
    static final String NKEY_PUBLIC = publicKey(NKEY);

    static final String USERS_PERMISSIONS_CONFIG = "authorization {\n  default_permissions: { publish: \"def.>\", subscribe: \"def.>\" }\n"
            + "  users: [ {user: p, password: pw, permissions: { publish: { allow: \"ok.>\", deny: \"ok.no\" }, "
            + "subscribe: \"ok.>\" }}, {user: d, password: pw} ]\n}\nno_auth_user: d\n";

    private AuthFixtures() {
    }

    /** Applies nats-server config text onto natsboot options, as the config file mapping does. */
    static void applyConfig(ServerOptions options, String config) {
        ConfigFileOptions.apply(new ConfigParser().parse(config, "profile.conf", Path.of(".")), options);
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
