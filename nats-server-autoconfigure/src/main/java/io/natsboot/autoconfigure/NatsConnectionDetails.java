package io.natsboot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details required to establish a connection to a NATS server or cluster.
 *
 * @since 0.1.0
 */
public interface NatsConnectionDetails extends ConnectionDetails {

    /**
     * Server URLs to connect to, as {@code nats://host:port}.
     * @return the server URLs, never empty
     */
    List<String> getServers();

    /**
     * Login user.
     * @return the user, or {@code null}
     */
    default @Nullable String getUser() {
        return null;
    }

    /**
     * Login password.
     * @return the password, or {@code null}
     */
    default @Nullable String getPassword() {
        return null;
    }

    /**
     * Authentication token.
     * @return the token, or {@code null}
     */
    default @Nullable String getToken() {
        return null;
    }

    /**
     * SSL bundle of the connection: the trusted server CAs and, for mutual TLS, the client certificate.
     * @return the bundle, or {@code null} for a plain connection
     */
    default @Nullable SslBundle getSslBundle() {
        return null;
    }

}
