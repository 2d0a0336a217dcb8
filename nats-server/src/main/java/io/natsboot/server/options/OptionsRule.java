package io.natsboot.server.options;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule on {@link ServerOptions}, whatever set them: values out of range, settings that contradict each
 * other, or ask for a feature this server does not have yet. It only finds the violations; the command line, the
 * embedded server and the Spring auto-configuration each report them in their own words. Stateless.
 */
public final class OptionsRule {

    private static final int MAX_PORT = 65535;

    private OptionsRule() {
    }

    /** Every violation of the rule by {@code o}, in the order nats-server checks them; empty when they are fine. */
    public static List<OptionViolation> check(ServerOptions o) {
        List<OptionViolation> found = new ArrayList<>();
        if (o.getMaxPayload() <= 0) {
            found.add(OptionViolation.of("max_payload", "max_payload must be positive, got " + o.getMaxPayload()));
        }
        if (o.getMaxPayload() > o.getMaxPending()) {
            found.add(new OptionViolation("max_payload", "max_pending", "max_payload (" + o.getMaxPayload()
                    + ") can not be higher than max_pending (" + o.getMaxPending() + ")"));
        }
        if (o.getMaxControlLine() <= 0) {
            found.add(OptionViolation.of("max_control_line",
                    "max_control_line must be positive, got " + o.getMaxControlLine()));
        }
        if (o.getPingInterval().isNegative() || o.getPingInterval().isZero()) {
            found.add(OptionViolation.of("ping_interval", "ping_interval must be positive, got "
                    + o.getPingInterval()));
        }
        port(found, "port", o.getPort());
        port(found, "http_port", o.getHttpPort());
        authorization(found, o.getAuthorization());
        tls(found, "tls", "", o.getTls());
        tls(found, "cluster.tls", "cluster ", o.getCluster().getTls());
        for (String route : o.getCluster().getRoutes()) {
            try {
                RouteUrl.parse(route);
            } catch (IllegalArgumentException e) {
                found.add(OptionViolation.of("cluster.routes", e.getMessage()));
            }
        }
        // as nats-server: a zero duration (lame duck mode not used) leaves the grace period free
        if (!o.getLameDuckDuration().isZero()
                && o.getLameDuckGracePeriod().compareTo(o.getLameDuckDuration()) >= 0) {
            found.add(new OptionViolation("lame_duck_grace_period", "lame_duck_duration", "lame_duck_grace_period ("
                    + GoDuration.format(o.getLameDuckGracePeriod()) + ") must be shorter than lame_duck_duration ("
                    + GoDuration.format(o.getLameDuckDuration()) + ")"));
        }
        port(found, "cluster.port", o.getCluster().getPort());
        return found;
    }

    private static void port(List<OptionViolation> found, String option, int port) {
        if (port > MAX_PORT) {
            found.add(OptionViolation.of(option, "port out of range: " + port));
        }
    }

    private static void authorization(List<OptionViolation> found, ServerOptions.Authorization auth) {
        try {
            AuthorizationCheck.checkBlock(auth);
        } catch (IllegalArgumentException e) {
            found.add(OptionViolation.of("authorization", e.getMessage()));
        }
        try {
            AuthorizationCheck.checkNoAuthUser(auth);
        } catch (IllegalArgumentException e) {
            found.add(OptionViolation.of("no_auth_user", e.getMessage()));
        }
    }

    // a TLS block that cannot secure anything must not leave the listener quietly in plain text
    private static void tls(List<OptionViolation> found, String option, String which, TlsOptions tls) {
        if (tls.getCertFile() != null && tls.getKeyFile() == null && tls.getKeyManagerFactory() == null) {
            found.add(OptionViolation.of(option, "missing 'key_file' in " + which + "TLS configuration"));
        }
        if (tls.getKeyFile() != null && tls.getCertFile() == null) {
            found.add(OptionViolation.of(option, "missing 'cert_file' in " + which + "TLS configuration"));
        }
        boolean trusts = tls.isVerify() || tls.getCaFile() != null || tls.getTrustManagerFactory() != null;
        if (!tls.isConfigured() && trusts) {
            found.add(OptionViolation.of(option, which + "TLS has a CA or verify but no certificate and key "
                    + "(cert_file and key_file, or a key manager)"));
        }
        if (tls.getTimeout().isNegative() || tls.getTimeout().isZero()) {
            found.add(OptionViolation.of(option, which + "TLS timeout must be positive, got " + tls.getTimeout()));
        }
    }
}
