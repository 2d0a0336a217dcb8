package io.natsboot.server.route;

import io.natsboot.server.protocol.route.RouteServerInfo;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;

/**
 * The name of the cluster this server is in: the configured one, or a random (dynamic) one that gives way to a
 * peer's static name, or to a greater dynamic one, as nats-server settles names. Thread-safe.
 */
final class ClusterName {

    // its lines are the route manager's
    private static final System.Logger LOG = System.getLogger(RouteManager.class.getName());

    private volatile String name;
    private volatile boolean dynamic;

    /** @param configured the configured name, or {@code null} for a dynamic one */
    ClusterName(String configured) {
        this.name = configured != null ? configured : randomName();
        this.dynamic = configured == null;
    }

    /**
     * Settles the name with a peer's.
     *
     * @return the refusal text when both names are fixed and differ, else {@code null}
     */
    synchronized String settle(RouteServerInfo peer) {
        String theirs = peer.cluster();
        String ours = name;
        if (theirs == null || theirs.isEmpty() || theirs.equals(ours)) {
            return null;
        }
        if (dynamic && (!peer.clusterDynamic() || theirs.compareTo(ours) > 0)) {
            LOG.log(Level.INFO, () -> "Cluster name updated to " + theirs);
            name = theirs;
            dynamic = peer.clusterDynamic();
            return null;
        }
        if (peer.clusterDynamic()) {
            return null; // the peer adopts ours
        }
        return "Rejecting connection, cluster name \"" + theirs + "\" does not match \"" + ours + "\"";
    }

    String name() {
        return name;
    }

    boolean isDynamic() {
        return dynamic;
    }

    private static String randomName() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (byte b : bytes) {
            sb.append(alphabet.charAt((b & 0xFF) % alphabet.length()));
        }
        return sb.toString();
    }
}
