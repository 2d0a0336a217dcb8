package io.natsboot.autoconfigure;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.auth.Secrets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * What the application's own client needs to log in to its embedded node when {@code nats.client.*} does not say:
 * the node's single user and password or its token (when stored in plain text: a bcrypt hash cannot be sent back),
 * and a bundle built from the node's own key and trust managers, so the client trusts what the node presents (and,
 * with {@code verify}, presents the node's certificate back).
 *
 * @param user the node's single user, or {@code null}
 * @param password its password, or {@code null}
 * @param token the node's token, or {@code null}
 * @param sslBundle a bundle for the node's TLS, or {@code null} when the node has no TLS
 */
record EmbeddedClientDefaults(@Nullable String user, @Nullable String password, @Nullable String token,
        @Nullable SslBundle sslBundle) {

    static final EmbeddedClientDefaults NONE = new EmbeddedClientDefaults(null, null, null, null);

    static EmbeddedClientDefaults of(ServerOptions options) {
        ServerOptions.Authorization auth = options.getAuthorization();
        String user = null;
        String password = null;
        String token = null;
        if (auth.getToken() != null && !Secrets.isBcrypt(auth.getToken())) {
            token = auth.getToken();
        }
        else if (auth.getUser() != null && auth.getPassword() != null && !Secrets.isBcrypt(auth.getPassword())) {
            user = auth.getUser();
            password = auth.getPassword();
        }
        return new EmbeddedClientDefaults(user, password, token, sslBundle(options.getTls()));
    }

    private static @Nullable SslBundle sslBundle(TlsOptions tls) {
        if (tls.getKeyManagerFactory() == null || tls.getTrustManagerFactory() == null) {
            return null;
        }
        SslManagerBundle managers = SslManagerBundle.of(tls.getKeyManagerFactory(), tls.getTrustManagerFactory());
        return SslBundle.of(null, null, SslOptions.NONE, null, managers);
    }

}
