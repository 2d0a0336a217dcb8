package io.natsboot.server.tls;

import io.natsboot.server.options.TlsOptions;

import java.time.Duration;

/** Defaults of other settings that nats-server 2.9 changes when TLS is on. */
public final class TlsDefaults {

    private TlsDefaults() {
    }

    /**
     * The auth timeout of a listener without an explicit {@code authorization.timeout}: with TLS, the handshake
     * timeout plus one second, as nats-server does, so a slow handshake does not use up the time a client has to
     * authenticate; without TLS, {@code otherwise}. Used by the client and route auth timers and by /varz.
     */
    public static Duration authTimeout(TlsOptions tls, Duration otherwise) {
        return tls.isConfigured() ? tls.getTimeout().plusSeconds(1) : otherwise;
    }
}
