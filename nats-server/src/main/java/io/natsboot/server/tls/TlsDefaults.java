package io.natsboot.server.tls;

import io.natsboot.server.ServerOptions;
import io.natsboot.server.TlsOptions;

import java.time.Duration;

/** Defaults of other settings that nats-server 2.9 changes when TLS is on. */
public final class TlsDefaults {

    private TlsDefaults() {
    }

    /**
     * The auth timeout in effect for a listener: one left at the 2 s default becomes the TLS handshake timeout plus
     * one second, as nats-server does, so a slow handshake does not use up the time a client has to authenticate.
     *
     * @param configured the auth timeout set for that listener, or the default
     */
    public static Duration authTimeout(TlsOptions tls, Duration configured) {
        if (tls.isConfigured() && configured.equals(ServerOptions.DEFAULT_AUTH_TIMEOUT)) {
            return tls.getTimeout().plusSeconds(1);
        }
        return configured;
    }
}
