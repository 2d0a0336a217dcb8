package io.natsboot.server.route;

import io.natsboot.server.monitor.DiscoveredSeeds;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.connection.Transport;
import io.natsboot.server.delivery.MessageRouter;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.protocol.route.RouteProtocolDecoder;
import io.natsboot.server.protocol.route.RouteProtocolEncoder;
import io.natsboot.server.protocol.route.RouteServerInfo;
import io.natsboot.server.subject.SubjectTree;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * This server's part of the cluster: the route listener and the table of routes by peer id (one per peer; duplicates
 * closed), with gossip to a full mesh and the cluster's client URLs; the dialling ({@link RouteDialer}, fed by
 * {@link RouteDiscoveryThread}), the announcing of local interest ({@link InterestAnnouncer}) and the cluster name
 * ({@link ClusterName}) are its parts. Thread-safe.
 */
public final class RouteManager {

    private static final System.Logger LOG = System.getLogger(RouteManager.class.getName());

    private final ServerOptions options;
    private final String serverId;
    private final String serverName;
    private final SubjectTree<Subscription> subjects;
    private final MessageRouter router;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final List<String> ownClientUrls;
    private final Consumer<List<String>> clientUrlsListener;
    private final AtomicLong nextRouteId;

    private final Map<String, RouteConnection> routes = new ConcurrentHashMap<>();
    private final InterestAnnouncer interest = new InterestAnnouncer();
    private final RouteDiscoveryThread discovery = new RouteDiscoveryThread();
    private final RouteDialer dialer;
    private final DialRecords dialRecords;
    private volatile OwnListener ownListener = OwnListener.none();
    private final ClusterName clusterName;
    private volatile List<String> clusterClientUrls = List.of();
    private volatile boolean stopped;
    private Channel listener;
    private volatile RouteServerInfo routeInfo;
    private boolean lameDuck;
    private final RouteAuth routeAuth;
    /** Route TLS, or {@code null} for plain routes. */
    private volatile RouteTls tls;

    public RouteManager(ServerOptions options, String serverId, String serverName, SubjectTree<Subscription> subjects,
                        MessageRouter router, EventLoopGroup bossGroup, EventLoopGroup workerGroup,
                        List<String> ownClientUrls, AtomicLong connectionIds,
                        Consumer<List<String>> clientUrlsListener) {
        this.options = options;
        this.serverId = serverId;
        this.serverName = serverName;
        this.subjects = subjects;
        this.router = router;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.ownClientUrls = List.copyOf(ownClientUrls);
        this.nextRouteId = connectionIds;
        this.clientUrlsListener = clientUrlsListener;
        this.routeAuth = new RouteAuth(options);
        this.clusterName = new ClusterName(options.getCluster().getName());
        // no_advertise: clients of this node hear of no URLs at all, peers do not get ours either
        this.clusterClientUrls = options.getCluster().isNoAdvertise() ? List.of() : this.ownClientUrls;
        this.dialRecords = new DialRecords(options);
        this.dialer = new RouteDialer(workerGroup,
                options.getCluster().getRoutes().stream().map(RouteUrl::parse).toList(), discovery,
                options.getCluster().getConnectRetries(), this::initRoute, routes::containsKey, dialRecords);
    }

    /** Binds the route listener (when a cluster port is set) and starts dialling the seed routes. */
    public void start() {
        ServerOptions.Cluster cluster = options.getCluster();
        tls = RouteTls.of(cluster.getTls());
        int port = -1;
        if (cluster.getPort() >= 0) {
            String host = cluster.getHost() != null ? cluster.getHost() : options.getHost();
            ChannelFuture bound = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, Transport.allocator())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            initRoute(ch, null);
                        }
                    })
                    .bind(host, cluster.getPort()).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new ServerStartException("Error listening on router port: " + host + ":" + cluster.getPort()
                        + ", \"" + bound.cause().getMessage() + "\"", bound.cause());
            }
            listener = bound.channel();
            InetSocketAddress local = (InetSocketAddress) listener.localAddress();
            port = local.getPort();
            String advertise = cluster.getAdvertise();
            ownListener = OwnListener.of(host, port,
                    advertise == null || advertise.isEmpty() ? null : RouteUrl.parse(advertise).hostPort());
            LOG.log(Level.INFO, "Cluster name is " + clusterName.name());
            LOG.log(Level.INFO, "Listening for route connections on " + Transport.hostPort(listener));
        }
        routeInfo = buildRouteInfo(port);
        discovery.start(cluster.getDiscovery());
        dialer.start();
    }

    /** The bound cluster port, or -1 without a route listener. */
    public int clusterPort() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private RouteServerInfo buildRouteInfo(int port) {
        ServerOptions.Cluster cluster = options.getCluster();
        String host = cluster.getHost() != null ? cluster.getHost() : options.getHost();
        String ip = null;
        if (cluster.getAdvertise() != null && !cluster.getAdvertise().isEmpty()) {
            RouteUrl adv = RouteUrl.parse(cluster.getAdvertise());
            host = adv.host();
            port = adv.port();
            ip = "nats-route://" + adv.hostPort() + "/";
        }
        return RouteServerInfo.builder()
                .serverId(serverId)
                .serverName(serverName)
                .host(host)
                .port(port)
                .headers(!options.isNoHeaderSupport())
                .maxPayload(options.getMaxPayload())
                .authRequired(routeAuth.isRequired())
                .ip(ip)
                .cluster(clusterName.name())
                .clusterDynamic(clusterName.isDynamic())
                .connectUrls(cluster.isNoAdvertise() ? List.of() : ownClientUrls)
                .tlsRequired(tls != null)
                .tlsVerify(tls != null)
                .build();
    }

    private void initRoute(SocketChannel ch, RouteUrl solicited) {
        RouteConnection route = new RouteConnection(nextRouteId.incrementAndGet(), ch, this, solicited);
        if (tls != null) {
            tls.addTo(ch, route, solicited);
        }
        ch.pipeline().addLast(new RouteProtocolDecoder(route), new RouteHandler(route));
    }

    /** Whether routes speak TLS (CONNECT's {@code tls_required}). */
    boolean isTls() {
        return tls != null;
    }

    /** A route finished its handshake; false when that peer already has a route (the caller closes this one). */
    boolean register(RouteConnection route) {
        RouteServerInfo peer = route.remote();
        RouteUrl url = route.solicitedUrl();
        if (url != null) {
            dialer.reached(url, peer.serverId());
        }
        if (stopped) {
            return false;
        }
        boolean joined = interest.join(route, () -> {
            RouteConnection kept = routes.putIfAbsent(peer.serverId(), route);
            if (kept != null) {
                LOG.log(Level.DEBUG, () -> "Detected duplicate remote route \"" + peer.serverId() + "\"");
                if (url != null) {
                    // when both sides dialled, the peer may keep the other connection and close the one we kept:
                    // the kept one then re-dials our URL, so the pair cannot end up with no route at all
                    kept.retryUrl(url);
                }
                return false;
            }
            return true;
        });
        if (!joined) {
            return false;
        }
        LOG.log(Level.INFO, () -> route.describe() + " - Route connection created");
        LOG.log(Level.DEBUG, () -> route.describe() + " - Registering remote route \"" + peer.serverId() + "\"");
        gossip(route, peer);
        updateClientUrls();
        return true;
    }

    // Tells every other peer about the new one, with the address it can be dialled at, so the mesh fills in.
    private void gossip(RouteConnection newRoute, RouteServerInfo peer) {
        String ip = peer.ip();
        if (ip == null || ip.isEmpty()) {
            InetSocketAddress addr = newRoute.remoteAddress();
            String host = newRoute.isSolicited() ? newRoute.solicitedUrl().host()
                    : addr == null ? peer.host() : addr.getAddress().getHostAddress();
            ip = "nats-route://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + peer.port() + "/";
        }
        byte[] info = RouteProtocolEncoder.info(peer.toBuilder().ip(ip).nonce(null).build().toJson());
        for (RouteConnection other : routes.values()) {
            if (other != newRoute) {
                other.send(info);
            }
        }
    }

    /** A peer told us about another server: dial it unless we know it (an implicit route). */
    void gossipReceived(RouteServerInfo info) {
        if (stopped || info.serverId().equals(serverId) || routes.containsKey(info.serverId())) {
            return;
        }
        if (info.ip() == null || info.ip().isEmpty()) {
            return;
        }
        RouteUrl url;
        try {
            url = RouteUrl.parse(info.ip().endsWith("/") ? info.ip().substring(0, info.ip().length() - 1)
                    : info.ip());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, () -> "Ignoring gossip with a bad address: " + info.ip());
            return;
        }
        ServerOptions.Cluster cluster = options.getCluster();
        RouteUrl withCredentials = cluster.getUser() == null ? url
                : new RouteUrl(url.host(), url.port(), cluster.getUser(), cluster.getPassword());
        dialer.dialImplicitSoon(withCredentials, info.serverId());
    }

    void markSelf(RouteUrl url) {
        dialer.markSelf(url);
    }

    /** A registered peer sent a new INFO (its client URLs or lame duck state changed). */
    void peerInfoChanged(RouteConnection route, RouteServerInfo info) {
        updateClientUrls();
    }

    void routeClosed(RouteConnection route, boolean wasRegistered) {
        if (route.solicitedUrl() != null) {
            // a dial that reached a server (a duplicate of a route we have) did not fail
            String reason = route.closeReason();
            boolean early = !wasRegistered && route.remote() == null;
            dialer.ended(route.solicitedUrl(), !early ? null : reason != null ? reason : "Client Closed");
        }
        RouteServerInfo peer = route.remote();
        RouteUrl url = route.redialUrl();
        if (wasRegistered && peer != null && routes.remove(peer.serverId(), route)) {
            updateClientUrls();
            if (url == null || dialer.isSeed(url)) {
                return; // explicit seeds are re-dialled by their dialer; accepted routes by the peer
            }
            // an implicit route gets one more attempt (plus connect_retries), as nats-server does
            dialer.dialImplicitSoon(url, peer.serverId());
        }
    }

    /** Whether {@code url} leads to this server: its own listener, or a dial that reached this server. */
    boolean isOwn(RouteUrl url) {
        return dialer.isSelf(url) || ownListener.isOwn(url);
    }

    /** What each route discovery source found last. */
    List<DiscoveredSeeds> discovered() {
        return discovery.found();
    }

    DialRecords dialRecords() {
        return dialRecords;
    }

    boolean isConfigured(RouteUrl url) {
        return url != null && dialer.isSeed(url);
    }

    /** A client's subscription came or went: peers learn of the first and last one (and every queue weight). */
    public void localInterestChanged(Subscription sub, boolean added) {
        interest.changed(sub, added, routes.values());
    }

    /**
     * Settles the cluster name with a peer's: a dynamic name gives way to a static one (or a greater dynamic one).
     *
     * @return the refusal text when both names are fixed and differ, else {@code null}
     */
    String negotiateClusterName(RouteServerInfo peer) {
        String refusal = clusterName.settle(peer);
        if (refusal == null && !clusterName.name().equals(routeInfo.cluster())) {
            routeInfo = routeInfo.toBuilder().cluster(clusterName.name()).clusterDynamic(clusterName.isDynamic())
                    .build();
        }
        return refusal;
    }

    // Synchronized: routes register on several event loops, and a list computed before another route joined must
    // not be published after the list that includes it (clients would be left without that server's URL).
    private synchronized void updateClientUrls() {
        if (stopped || options.getCluster().isNoAdvertise()) {
            return; // a server going down must not tell its clients that it is the whole cluster
        }
        List<String> list = clientUrlsNow();
        if (!list.equals(clusterClientUrls)) {
            clusterClientUrls = list;
            clientUrlsListener.accept(list);
        }
    }

    // in lame duck mode this server's own URLs are left out: its clients are to go elsewhere
    private List<String> clientUrlsNow() {
        Set<String> urls = new LinkedHashSet<>(lameDuck ? List.of() : ownClientUrls);
        for (RouteConnection route : routes.values()) {
            RouteServerInfo peer = route.remote();
            if (peer != null && !peer.lameDuckMode()) {
                urls.addAll(peer.connectUrls());
            }
        }
        return List.copyOf(urls);
    }

    /**
     * Tells every peer that this server entered lame duck mode (route INFO with {@code "ldm":true}, once: later
     * INFOs go without it), so they stop offering its URLs to their clients, and drops its own URLs from the
     * cluster's client URLs without telling the listener: the server sends its clients the lame duck INFO itself.
     *
     * @return the other servers' client URLs, for the lame duck INFO (empty with {@code no_advertise})
     */
    public synchronized List<String> enterLameDuckMode() {
        lameDuck = true;
        RouteServerInfo info = routeInfo;
        if (info != null) {
            byte[] ldm = RouteProtocolEncoder.info(info.toBuilder().lameDuckMode(true).build().toJson());
            for (RouteConnection route : routes.values()) {
                route.send(ldm);
            }
        }
        if (options.getCluster().isNoAdvertise()) {
            return List.of();
        }
        clusterClientUrls = clientUrlsNow();
        return clusterClientUrls;
    }

    /** Stops dialling, closes the listener and every route. */
    public void shutdown() {
        stopped = true;
        discovery.shutdown();
        dialer.stop();
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        for (RouteConnection route : routes.values()) {
            route.channel().eventLoop().execute(() -> route.close("Server Shutdown"));
        }
        for (RouteConnection route : routes.values()) {
            route.channel().closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    /** The registered routes, one per peer. */
    public List<RouteConnection> routes() {
        return List.copyOf(routes.values());
    }

    /** This server's client URLs followed by its peers'; what clients get in INFO {@code connect_urls}. */
    public List<String> clusterClientUrls() {
        return clusterClientUrls;
    }

    public String clusterName() {
        return clusterName.name();
    }

    boolean isClusterDynamic() {
        return clusterName.isDynamic();
    }

    String serverId() {
        return serverId;
    }

    RouteServerInfo routeInfo() {
        return routeInfo;
    }

    RouteAuth routeAuth() {
        return routeAuth;
    }

    ServerOptions options() {
        return options;
    }

    SubjectTree<Subscription> subjects() {
        return subjects;
    }

    MessageRouter router() {
        return router;
    }
}
