package io.natsboot.server.config;

import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.tls.SslContexts;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code tls { ... }} block (top level or in {@code cluster}) onto {@link TlsOptions}, with the keys nats-server 2.9
 * accepts there. Like nats-server, the files are read here already, so {@code -t} refuses a block it cannot use.
 */
final class TlsBlock {

    /** nats-server 2.9 keys natsboot recognises but does not implement. */
    private static final Set<String> UNSUPPORTED = Set.of("insecure", "verify_cert_and_check_known_urls", "curve_preferences", "connection_rate_limit", "pinned_certs");

    private TlsBlock() {
    }

    static void apply(ConfigEntry block, TlsOptions tls, boolean route) {
        for (ConfigEntry e : ConfigFileOptions.map(block).entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "cert_file":
                    tls.setCertFile(ConfigFileOptions.string(e));
                    break;
                case "key_file":
                    tls.setKeyFile(ConfigFileOptions.string(e));
                    break;
                case "ca_file":
                    tls.setCaFile(ConfigFileOptions.string(e));
                    break;
                case "verify":
                    tls.setVerify(ConfigFileOptions.bool(e));
                    break;
                case "verify_and_map":
                    // users from certificates are for clients; a route's own mapping is not built
                    if (route) {
                        throw ConfigFileOptions.fail(e, "field \"" + e.key() + "\" is not supported by natsboot yet"
                                + " in the cluster block");
                    }
                    tls.setVerifyAndMap(ConfigFileOptions.bool(e));
                    break;
                case "timeout": {
                    Duration d = ConfigFileOptions.seconds(e);
                    // nats-server: zero (or less) means its 2 s default
                    tls.setTimeout(d.isNegative() || d.isZero() ? TlsOptions.DEFAULT_TIMEOUT : d);
                    break;
                }
                case "cipher_suites":
                    tls.getCiphers().clear();
                    tls.getCiphers().addAll(ciphers(e));
                    break;
                default:
                    if (e.isReferenced()) {
                        break;
                    }
                    if (UNSUPPORTED.contains(key)) {
                        throw ConfigFileOptions.fail(e, "field \"" + e.key() + "\" is not supported by natsboot yet");
                    }
                    // nats-server's words for it
                    throw ConfigFileOptions.fail(e, "error parsing tls config, unknown field [\"" + e.key() + "\"]");
            }
        }
        if (tls.getCertFile() != null && tls.getKeyFile() == null) {
            throw ConfigFileOptions.fail(block, "missing 'key_file' in TLS configuration");
        }
        if (tls.getCertFile() == null && tls.getKeyFile() != null) {
            throw ConfigFileOptions.fail(block, "missing 'cert_file' in TLS configuration");
        }
        if (tls.isConfigured()) {
            try {
                SslContexts.server(tls, route || tls.isVerify());
            } catch (ServerStartException e) {
                throw ConfigFileOptions.fail(block, e.getMessage());
            }
        }
    }

    /** Names as nats-server spells them, which are the IANA names the JDK uses; ones this JDK lacks are refused. */
    private static List<String> ciphers(ConfigEntry e) {
        List<ConfigValue> names = ConfigFileOptions.list(e).elements();
        if (names.isEmpty()) {
            throw ConfigFileOptions.fail(e, "error parsing tls config, 'cipher_suites' cannot be empty");
        }
        Set<String> known = supportedCiphers();
        List<String> out = new ArrayList<>();
        for (ConfigValue v : names) {
            String name = v.type() == ConfigValue.Type.STRING ? v.asString() : v.text();
            if (!known.contains(name)) {
                throw new ConfigException(v.location(), e.key(), "unrecognized cipher " + name);
            }
            out.add(name);
        }
        return out;
    }

    private static Set<String> supportedCiphers() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
