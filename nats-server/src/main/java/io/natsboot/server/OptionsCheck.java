package io.natsboot.server;

import io.natsboot.server.auth.AuthorizationCheck;
import io.natsboot.server.route.RouteUrl;

/** Refuses options that are out of range, inconsistent, or ask for a feature this server does not have yet. */
final class OptionsCheck {

    private OptionsCheck() {
    }

    static void validate(ServerOptions o) {
        if (o.getMaxPayload() <= 0) {
            throw new ServerStartException("max_payload must be positive, got " + o.getMaxPayload());
        }
        if (o.getMaxPayload() > o.getMaxPending()) {
            throw new ServerStartException("max_payload (" + o.getMaxPayload()
                    + ") can not be higher than max_pending (" + o.getMaxPending() + ")");
        }
        if (o.getMaxControlLine() <= 0) {
            throw new ServerStartException("max_control_line must be positive, got " + o.getMaxControlLine());
        }
        if (o.getPingInterval().isNegative() || o.getPingInterval().isZero()) {
            throw new ServerStartException("ping_interval must be positive, got " + o.getPingInterval());
        }
        if (o.getPort() > 65535 || o.getHttpPort() > 65535) {
            throw new ServerStartException("port out of range: " + Math.max(o.getPort(), o.getHttpPort()));
        }
        try {
            AuthorizationCheck.checkBlock(o.getAuthorization());
            AuthorizationCheck.checkNoAuthUser(o.getAuthorization());
        } catch (IllegalArgumentException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
        checkTls("", o.getTls());
        checkTls("cluster ", o.getCluster().getTls());
        for (String route : o.getCluster().getRoutes()) {
            try {
                RouteUrl.parse(route);
            } catch (IllegalArgumentException e) {
                throw new ServerStartException(e.getMessage(), e);
            }
        }
    }

    // a TLS block that cannot secure anything must not leave the listener quietly in plain text
    private static void checkTls(String which, TlsOptions tls) {
        if (tls.getCertFile() != null && tls.getKeyFile() == null && tls.getKeyManagerFactory() == null) {
            throw new ServerStartException("missing 'key_file' in " + which + "TLS configuration");
        }
        if (tls.getKeyFile() != null && tls.getCertFile() == null) {
            throw new ServerStartException("missing 'cert_file' in " + which + "TLS configuration");
        }
        boolean trusts = tls.isVerify() || tls.getCaFile() != null || tls.getTrustManagerFactory() != null;
        if (!tls.isConfigured() && trusts) {
            throw new ServerStartException(which + "TLS has a CA or verify but no certificate and key "
                    + "(cert_file and key_file, or a key manager)");
        }
        if (tls.getTimeout().isNegative() || tls.getTimeout().isZero()) {
            throw new ServerStartException(which + "TLS timeout must be positive, got " + tls.getTimeout());
        }
    }
}
