package io.natsboot.server.route;

import io.natsboot.server.json.JsonException;
import io.natsboot.server.json.JsonReader;
import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seeds from the Tailscale network this machine is logged in to: the online peers the local daemon lists in
 * {@code GET /localapi/v0/status}, each at its first Tailscale IPv4 address (IPv6 when asked) and the cluster port,
 * optionally only those carrying an ACL tag or whose host name starts with a prefix. The node itself is never a seed.
 *
 * <p>A missing socket, a daemon that is not running or logged out, or an answer that cannot be read gives no seeds
 * and one warning; the next warning comes only when the problem changes, and one info line when the daemon answers
 * again, so a machine without Tailscale is not flooded with a line per refresh.
 */
public final class TailnetRouteDiscovery implements RouteDiscovery {

    /** Where tailscaled listens on Linux. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/tailscale/tailscaled.sock");

    private static final String STATUS_PATH = "/localapi/v0/status";
    private static final System.Logger LOG = System.getLogger(TailnetRouteDiscovery.class.getName());

    private final TailscaleLocalApi api;
    private final int port;
    private final String tag;
    private final String hostPrefix;
    private final boolean ipv6;
    private final Duration refreshInterval;

    private final Object stateLock = new Object();
    /** What went wrong last time, {@code ""} when the last answer was good, {@code null} before the first. */
    private String lastProblem;

    /**
     * @param socket the daemon's local API socket
     * @param port the cluster port every seed listens on
     * @param tag only peers with this ACL tag ({@code nats} and {@code tag:nats} are the same), or {@code null}
     * @param hostPrefix only peers whose host name starts with this (case-insensitive), or {@code null}
     * @param ipv6 seeds on the peers' Tailscale IPv6 address instead of IPv4
     */
    public TailnetRouteDiscovery(Path socket, int port, String tag, String hostPrefix, boolean ipv6,
            Duration refreshInterval) {
        this.api = new TailscaleLocalApi(socket);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("cluster port of tailnet discovery out of range: " + port);
        }
        this.port = port;
        this.tag = normalizeTag(tag);
        this.hostPrefix = blankToNull(hostPrefix) == null ? null : hostPrefix.trim().toLowerCase(Locale.ROOT);
        this.ipv6 = ipv6;
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refresh interval of tailnet discovery must be positive");
        }
    }

    private static String normalizeTag(String tag) {
        String t = blankToNull(tag);
        if (t == null) {
            return null;
        }
        t = t.trim();
        return t.startsWith("tag:") ? t : "tag:" + t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public List<RouteUrl> seeds() {
        Map<String, Object> status = status();
        if (status == null) {
            return List.of();
        }
        List<String> selfAddresses = addresses(object(status.get("Self")));
        List<RouteUrl> seeds = new ArrayList<>();
        Map<String, Object> peers = object(status.get("Peer"));
        for (Object p : peers.values()) {
            Map<String, Object> peer = object(p);
            if (!Boolean.TRUE.equals(peer.get("Online")) || !tagged(peer) || !prefixed(peer)) {
                continue;
            }
            List<String> addresses = addresses(peer);
            if (addresses.stream().anyMatch(selfAddresses::contains)) {
                continue;
            }
            pick(addresses).ifPresent(a -> seeds.add(new RouteUrl(a, port, null, null)));
        }
        return seeds;
    }

    /**
     * This machine's own Tailscale address (IPv4, or IPv6 when asked), for binding the cluster listener to the
     * tailnet.
     *
     * @throws IOException naming why it is not known (no daemon, logged out, no address of that family)
     */
    public String selfAddress() throws IOException {
        Map<String, Object> status = JsonReader.parseObject(api.get(STATUS_PATH));
        String problem = backendProblem(status);
        if (problem != null) {
            throw new IOException(problem);
        }
        return pick(addresses(object(status.get("Self")))).orElseThrow(() -> new IOException(
                "the Tailscale daemon lists no " + (ipv6 ? "IPv6" : "IPv4") + " address for this machine"));
    }

    /** The status document, or {@code null} (logged once per change of problem) when there is none to use. */
    private Map<String, Object> status() {
        Map<String, Object> status = null;
        String problem;
        try {
            status = JsonReader.parseObject(api.get(STATUS_PATH));
            problem = backendProblem(status);
        } catch (IOException e) {
            problem = "cannot ask the Tailscale daemon at " + api.socket() + ": " + describe(e);
        } catch (JsonException e) {
            problem = "the Tailscale daemon at " + api.socket() + " answered a status that is not JSON as expected: "
                    + e.getMessage();
        }
        report(problem == null ? "" : problem);
        return problem == null ? status : null;
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.SocketException && e.getMessage() != null
                && e.getMessage().contains("No such file")) {
            return "no such socket (is Tailscale installed and running?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String backendProblem(Map<String, Object> status) {
        Object state = status.get("BackendState");
        if (state != null && !"Running".equals(state)) {
            String hint = "NeedsLogin".equals(state) ? " (run 'tailscale up' to log in)"
                    : "Stopped".equals(state) ? " (run 'tailscale up')" : "";
            return "the Tailscale daemon is " + state + hint + ", no tailnet peers";
        }
        return null;
    }

    private void report(String problem) {
        synchronized (stateLock) {
            String previous = lastProblem;
            lastProblem = problem;
            if (problem.equals(previous)) {
                return;
            }
            if (!problem.isEmpty()) {
                LOG.log(Level.WARNING, "Tailnet route discovery: " + problem);
            } else if (previous != null) {
                LOG.log(Level.INFO, "Tailnet route discovery: the Tailscale daemon at " + api.socket()
                        + " answers again");
            }
        }
    }

    private boolean tagged(Map<String, Object> peer) {
        return tag == null || (peer.get("Tags") instanceof List<?> tags && tags.contains(tag));
    }

    private boolean prefixed(Map<String, Object> peer) {
        if (hostPrefix == null) {
            return true;
        }
        return startsWithPrefix(peer.get("HostName")) || startsWithPrefix(peer.get("DNSName"));
    }

    private boolean startsWithPrefix(Object name) {
        return name instanceof String s && s.toLowerCase(Locale.ROOT).startsWith(hostPrefix);
    }

    private static List<String> addresses(Map<String, Object> node) {
        List<String> out = new ArrayList<>();
        if (node.get("TailscaleIPs") instanceof List<?> ips) {
            for (Object ip : ips) {
                if (ip instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private Optional<String> pick(List<String> addresses) {
        return addresses.stream().filter(a -> a.contains(":") == ipv6).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public Path socket() {
        return api.socket();
    }

    public int port() {
        return port;
    }

    /** The ACL tag peers must carry ({@code tag:...}), or {@code null}. */
    public String tag() {
        return tag;
    }

    /** The lower-cased host-name prefix peers must have, or {@code null}. */
    public String hostPrefix() {
        return hostPrefix;
    }

    public boolean ipv6() {
        return ipv6;
    }

    @Override
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** {@code tailnet:<socket>}: the source named in logs and on {@code /routez}-like views of discovered seeds. */
    @Override
    public String toString() {
        return "tailnet:" + api.socket();
    }
}
