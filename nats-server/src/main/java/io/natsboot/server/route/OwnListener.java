package io.natsboot.server.route;

import io.natsboot.server.options.RouteUrl;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognises this server's own route listener in a route URL, so that a seed list shared by every node (each node's
 * own URL among its seeds) does not report the node itself as a missing seed: the same port and a host that is the
 * listener's (any address of this machine, the loopback, {@code 0.0.0.0}/{@code ::} or the host name when it is
 * bound to all addresses), or the advertised {@code cluster_advertise} address. Answers are cached per
 * {@code host:port} (names are resolved once). Thread-safe.
 */
final class OwnListener {

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final String bindHost;
    private final int port;
    private final String advertised;
    private final Set<InetAddress> machineAddresses;
    private final Resolver resolver;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    /**
     * @param bindHost         the host the route listener is bound to
     * @param port             its bound port
     * @param advertised       {@code host:port} of {@code cluster_advertise}, or {@code null}
     * @param machineAddresses the addresses of this machine's interfaces
     */
    OwnListener(String bindHost, int port, String advertised, Set<InetAddress> machineAddresses, Resolver resolver) {
        this.bindHost = bindHost;
        this.port = port;
        this.advertised = advertised;
        this.machineAddresses = Set.copyOf(machineAddresses);
        this.resolver = resolver;
    }

    /** The listener bound at {@code bindHost:port} on this machine. */
    static OwnListener of(String bindHost, int port, String advertised) {
        return new OwnListener(bindHost, port, advertised, machineAddresses(), InetAddress::getAllByName);
    }

    /** A server without a route listener: nothing is its own. */
    static OwnListener none() {
        return new OwnListener("", -1, null, Set.of(), host -> new InetAddress[0]);
    }

    private static Set<InetAddress> machineAddresses() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // without the list, the loopback and the host name's own addresses still count
        }
        return all;
    }

    /** Whether {@code url} leads to this listener. */
    boolean isOwn(RouteUrl url) {
        return answers.computeIfAbsent(url.hostPort().toLowerCase(Locale.ROOT), k -> decide(url));
    }

    private boolean decide(RouteUrl url) {
        if (advertised != null && advertised.equalsIgnoreCase(url.hostPort())) {
            return true;
        }
        if (port <= 0 || url.port() != port) {
            return false;
        }
        if (isAny(url.host())) {
            return true; // dialling 0.0.0.0 reaches this machine
        }
        List<InetAddress> targets = resolve(url.host());
        if (isAny(bindHost)) {
            return targets.stream().anyMatch(a -> a.isLoopbackAddress() || a.isAnyLocalAddress()
                    || machineAddresses.contains(a));
        }
        List<InetAddress> bound = resolve(bindHost);
        return targets.stream().anyMatch(a -> bound.contains(a)
                || a.isLoopbackAddress() && bound.stream().anyMatch(InetAddress::isLoopbackAddress));
    }

    private List<InetAddress> resolve(String host) {
        try {
            return List.of(resolver.resolve(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static boolean isAny(String host) {
        return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")
                || host.equals("0:0:0:0:0:0:0:0");
    }
}
