package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the servers the load generator starts are secured ({@code --security}). Both servers get the same config file
 * ({@code -c}), so the secured hot paths of natsboot and nats-server are compared, and the clients log in to match.
 *
 * <p>{@link #AUTH} and {@link #PERMS} use the same single user, so that the difference between them is the cost of
 * the permission checks alone (every PUB against the publish lists, every delivery against the subscribe lists).
 */
enum SecurityProfile {

    /** No config file: the servers as the unsecured benchmark starts them. */
    NONE("none", "no authentication, plain TCP"),
    /** A users list of one user without permissions: the CONNECT check only. */
    AUTH("auth", "user bench/bench (users list), no permissions"),
    /**
     * The same user with allow lists that fit every subject the scenarios use ({@code bench.>} for the scenarios and
     * the cluster probes, {@code _INBOX.>} for jnats' request replies) and a deny entry that never matches, so the
     * deny lists are evaluated on every check too.
     */
    PERMS("perms", "user bench/bench with publish/subscribe allow [bench.>, _INBOX.>], deny [bench.secret.>]"),
    /** Server certificate and key from a CA made at run time; clients trust that CA. No client auth. */
    TLS("tls", "TLS (server certificate from a CA generated at run time, ECDSA P-256), no authentication");

    static final String USER = "bench";
    static final String PASSWORD = "bench";

    private final String id;
    private final String description;

    SecurityProfile(String id, String description) {
        this.id = id;
        this.description = description;
    }

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    boolean hasUser() {
        return this == AUTH || this == PERMS;
    }

    static SecurityProfile parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (SecurityProfile p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        List<String> ids = new ArrayList<>();
        for (SecurityProfile p : values()) {
            ids.add(p.id);
        }
        throw new LoadConfig.UsageException("--security must be one of " + String.join(", ", ids) + ", got '"
                + text + "'");
    }

    /**
     * The server config file for this profile (nats-server syntax, read by both servers), or null for {@link #NONE}.
     * Host and port are not in it: they come from the command line, as without a profile.
     *
     * @param certFile the server certificate (PEM), used by {@link #TLS} only
     * @param keyFile  its private key (PEM)
     */
    String configText(String certFile, String keyFile) {
        return switch (this) {
            case NONE -> null;
            case AUTH -> """
                    authorization {
                      users = [
                        { user: %s, password: %s }
                      ]
                    }
                    """.formatted(USER, PASSWORD);
            case PERMS -> """
                    authorization {
                      users = [
                        {
                          user: %s, password: %s
                          permissions: {
                            publish: { allow: ["bench.>", "_INBOX.>"], deny: ["bench.secret.>"] }
                            subscribe: { allow: ["bench.>", "_INBOX.>"], deny: ["bench.secret.>"] }
                          }
                        }
                      ]
                    }
                    """.formatted(USER, PASSWORD);
            case TLS -> """
                    tls {
                      cert_file: "%s"
                      key_file: "%s"
                    }
                    """.formatted(quoted(certFile), quoted(keyFile));
        };
    }

    /** A path inside a double-quoted config string: backslashes (Windows paths) and quotes escaped. */
    private static String quoted(String path) {
        return path.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
