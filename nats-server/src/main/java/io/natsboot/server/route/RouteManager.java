package io.natsboot.server.route;

import io.natsboot.server.NatsServer;
import io.natsboot.server.ServerOptions;
import io.natsboot.server.ServerStartException;
import io.natsboot.server.TlsOptions;
import io.natsboot.server.Transport;
import io.natsboot.server.client.MessageRouter;
import io.natsboot.server.client.Subscription;
import io.natsboot.server.protocol.route.RouteProtocolDecoder;
import io.natsboot.server.protocol.route.RouteProtocolEncoder;
import io.natsboot.server.protocol.route.RouteServerInfo;
import io.natsboot.server.subject.SubjectTree;
import io.natsboot.server.tls.SslContexts;
import io.natsboot.server.tls.TlsNames;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * This server's part of the cluster: the route listener, the dialers of seed routes, the registry of routes by peer
 * id (one per peer; duplicates closed), gossip to a full mesh, and the local interest announced on every route.
 * Thread-safe.
 */
public final class RouteManager {

    private static final System.Logger LOG = System.getLogger(RouteManager.class.getName());
    private static final long DIAL_INTERVAL_MILLIS = 1000;
    private static final int DIAL_TIMEOUT_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 4000;

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
    /** Local interest counts by {@code subject} or {@code subject queue}; guarded by itself. */
    private final Map<String, int[]> localInterest = new LinkedHashMap<>();
    private final Map<RouteUrl, String> serverIdByUrl = new ConcurrentHashMap<>();
    private final Set<RouteUrl> selfUrls = ConcurrentHashMap.newKeySet();
    private final Set<String> dialing = ConcurrentHashMap.newKeySet();
    /** Per seed: when it may be dialled again and how many dials in a row did not end in a route. */
    private final Map<RouteUrl, long[]> seedBackoff = new ConcurrentHashMap<>();
    private final List<RouteUrl> configuredSeeds;
    private final Map<RouteDiscovery, List<RouteUrl>> discovered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService discoveryThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nats-route-discovery");
        t.setDaemon(true);
        return t;
    });
    private volatile ScheduledFuture<?> dialer;

    private volatile String clusterName;
    private volatile boolean clusterDynamic;
    private volatile List<String> clusterClientUrls = List.of();
    private volatile boolean stopped;
    private Channel listener;
    private volatile RouteServerInfo routeInfo;
    private final RouteAuth routeAuth;
    /** Route TLS ({@code cluster { tls {} }}): both sides, or {@code null} for plain routes. */
    private volatile SslContext tlsAccept;
    private volatile SslContext tlsDial;

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
        String name = options.getCluster().getName();
        this.clusterName = name != null ? name : randomName();
        this.clusterDynamic = name == null;
        // no_advertise: clients of this node hear of no URLs at all, peers do not get ours either
        this.clusterClientUrls = options.getCluster().isNoAdvertise() ? List.of() : this.ownClientUrls;
        this.configuredSeeds = options.getCluster().getRoutes().stream().map(RouteUrl::parse).toList();
    }

    /** Binds the route listener (when a cluster port is set) and starts dialling the seed routes. */
    public void start() {
        ServerOptions.Cluster cluster = options.getCluster();
        if (cluster.getTls().isConfigured()) {
            // nats-server verifies routes both ways whatever "verify" says
            tlsAccept = SslContexts.server(cluster.getTls(), true);
            tlsDial = SslContexts.client(cluster.getTls());
        }
        int port = -1;
        if (cluster.getPort() >= 0) {
            String host = cluster.getHost() != null ? cluster.getHost() : options.getHost();
            ChannelFuture bound = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
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
            LOG.log(Level.INFO, "Cluster name is " + clusterName);
            LOG.log(Level.INFO, "Listening for route connections on " + NatsServer.hostPort(listener));
        }
        routeInfo = buildRouteInfo(port);
        for (RouteDiscovery source : cluster.getDiscovery()) {
            discoveryThread.scheduleWithFixedDelay(() -> refresh(source), 0,
                    source.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        dialer = workerGroup.next().scheduleWithFixedDelay(this::dialSeeds, 0, DIAL_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    // Discovery may block (DNS), so it runs on its own thread and leaves its latest answer for the dialer.
    private void refresh(RouteDiscovery source) {
        try {
            List<RouteUrl> seeds = List.copyOf(source.seeds());
            if (!seeds.equals(discovered.put(source, seeds))) {
                LOG.log(Level.DEBUG, () -> "Route discovery " + source + " found " + seeds);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, () -> "Route discovery " + source + " failed: " + e.getMessage());
        }
    }

    /** The seeds now: the configured routes, then what discovery found. */
    private Set<RouteUrl> seeds() {
        Set<RouteUrl> seeds = new LinkedHashSet<>(configuredSeeds);
        discovered.values().forEach(seeds::addAll);
        return seeds;
    }

    private void dialSeeds() {
        for (RouteUrl url : seeds()) {
            dialExplicit(url);
        }
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
                .cluster(clusterName)
                .clusterDynamic(clusterDynamic)
                .connectUrls(cluster.isNoAdvertise() ? List.of() : ownClientUrls)
                .tlsRequired(tlsAccept != null)
                .tlsVerify(tlsAccept != null)
                .build();
    }

    // Seeds are dialled every second until a route to the server at that URL is up, for as long as we run.
    // A seed that keeps failing is tried less often: 1 s, 2 s, then every 4 s, for as long as the server runs.
    private void dialExplicit(RouteUrl url) {
        if (stopped || selfUrls.contains(url)) {
            return;
        }
        String knownId = serverIdByUrl.get(url);
        long[] backoff = seedBackoff.computeIfAbsent(url, u -> new long[2]); // {next dial at (nanos), failures}
        if (knownId != null && routes.containsKey(knownId)) {
            backoff[1] = 0;
            return;
        }
        long now = System.nanoTime();
        if (now - backoff[0] < 0 || dialing.contains(url.hostPort())) {
            return;
        }
        long delayMillis = Math.min(MAX_BACKOFF_MILLIS, DIAL_INTERVAL_MILLIS << Math.min(backoff[1], 4));
        backoff[0] = now + TimeUnit.MILLISECONDS.toNanos(delayMillis - DIAL_INTERVAL_MILLIS / 2);
        backoff[1]++;
        dial(url);
    }

    private void dial(RouteUrl url) {
        if (stopped || !dialing.add(url.hostPort())) {
            return;
        }
        new Bootstrap()
                .group(workerGroup)
                .channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DIAL_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initRoute(ch, url);
                    }
                })
                .connect(url.host(), url.port())
                .addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        dialing.remove(url.hostPort());
                        LOG.log(Level.DEBUG, () -> "Error trying to connect to route " + url + ": "
                                + f.cause().getMessage());
                    }
                });
    }

    private void initRoute(SocketChannel ch, RouteUrl solicited) {
        RouteConnection route = new RouteConnection(nextRouteId.incrementAndGet(), ch, this, solicited);
        if (tlsAccept != null) {
            addTls(ch, route, solicited);
        }
        ch.pipeline().addLast(new RouteProtocolDecoder(route), new RouteHandler(route));
    }

    // TLS comes before any route protocol byte; what the route writes meanwhile waits in the SslHandler.
    private void addTls(SocketChannel ch, RouteConnection route, RouteUrl solicited) {
        // a dialled route checks the peer's certificate against the host name it dialled, as Go's TLS client does
        SslHandler ssl = solicited == null ? tlsAccept.newHandler(ch.alloc())
                : tlsDial.newHandler(ch.alloc(), solicited.host(), solicited.port());
        TlsOptions tls = options.getCluster().getTls();
        ssl.setHandshakeTimeoutMillis(tls.getTimeout().toMillis());
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                LOG.log(Level.DEBUG, () -> route.describe() + " - TLS route handshake complete, "
                        + ssl.engine().getSession().getProtocol() + " " + ssl.engine().getSession().getCipherSuite());
            } else {
                LOG.log(Level.ERROR, () -> route.describe() + " - TLS route handshake error: "
                        + TlsNames.describe(f.cause()));
                route.close("TLS Handshake Failure");
            }
        });
        ch.pipeline().addLast(ssl);
    }

    /** Whether routes speak TLS (CONNECT's {@code tls_required}). */
    boolean isTls() {
        return tlsAccept != null;
    }

    /** A route finished its handshake; false when that peer already has a route (the caller closes this one). */
    boolean register(RouteConnection route) {
        RouteServerInfo peer = route.remote();
        RouteUrl url = route.solicitedUrl();
        if (url != null) {
            serverIdByUrl.put(url, peer.serverId());
            dialing.remove(url.hostPort());
        }
        if (stopped) {
            return false;
        }
        synchronized (localInterest) {
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
            // everything local goes out before any later change, under the same lock
            for (Map.Entry<String, int[]> e : localInterest.entrySet()) {
                route.send(interestLine(e.getKey(), e.getValue()[0]));
            }
        }
        LOG.log(Level.INFO, () -> route.describe() + " - Route connection created to " + peer.serverName()
                + " (" + peer.serverId() + ")");
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
        // a small random delay makes two servers dialling each other at once less likely
        workerGroup.next().schedule(() -> dialImplicit(withCredentials, info.serverId(),
                        options.getCluster().getConnectRetries()),
                ThreadLocalRandom.current().nextInt(100), TimeUnit.MILLISECONDS);
    }

    private void dialImplicit(RouteUrl url, String peerId, int retriesLeft) {
        if (stopped || routes.containsKey(peerId)) {
            return;
        }
        dial(url);
        if (retriesLeft > 0) {
            workerGroup.next().schedule(() -> dialImplicit(url, peerId, retriesLeft - 1), DIAL_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    void markSelf(RouteUrl url) {
        selfUrls.add(url);
        dialing.remove(url.hostPort());
    }

    /** A registered peer sent a new INFO (its client URLs or lame duck state changed). */
    void peerInfoChanged(RouteConnection route, RouteServerInfo info) {
        updateClientUrls();
    }

    void routeClosed(RouteConnection route, boolean wasRegistered) {
        if (route.solicitedUrl() != null) {
            dialing.remove(route.solicitedUrl().hostPort());
        }
        RouteServerInfo peer = route.remote();
        RouteUrl url = route.redialUrl();
        if (wasRegistered && peer != null && routes.remove(peer.serverId(), route)) {
            LOG.log(Level.INFO, () -> route.describe() + " - Route connection to " + peer.serverName()
                    + " closed");
            updateClientUrls();
            if (url == null || isExplicit(url)) {
                return; // explicit seeds are re-dialled by their dialer; accepted routes by the peer
            }
            // an implicit route gets one more attempt (plus connect_retries), as nats-server does
            workerGroup.next().schedule(() -> dialImplicit(url, peer.serverId(),
                            options.getCluster().getConnectRetries()),
                    ThreadLocalRandom.current().nextInt(100), TimeUnit.MILLISECONDS);
        }
    }

    boolean isConfigured(RouteUrl url) {
        return url != null && isExplicit(url);
    }

    private boolean isExplicit(RouteUrl url) {
        for (RouteUrl seed : seeds()) {
            if (seed.hostPort().equals(url.hostPort())) {
                return true;
            }
        }
        return false;
    }

    /** A client's subscription came or went: peers learn of the first and last one (and every queue weight). */
    public void localInterestChanged(Subscription sub, boolean added) {
        String key = sub.queue() == null ? sub.subject() : sub.subject() + ' ' + sub.queue();
        synchronized (localInterest) {
            int[] count = localInterest.get(key);
            int before = count == null ? 0 : count[0];
            int after = Math.max(0, before + (added ? 1 : -1));
            if (after == 0) {
                localInterest.remove(key);
            } else if (count == null) {
                localInterest.put(key, new int[] {after});
            } else {
                count[0] = after;
            }
            // plain interest is announced on 0 -> 1 and withdrawn on 1 -> 0; queue weight on every change
            boolean announce = sub.queue() != null ? before != after : (before == 0) != (after == 0);
            if (!announce || routes.isEmpty()) {
                return;
            }
            byte[] line = interestLine(key, after);
            for (RouteConnection route : routes.values()) {
                route.send(line);
            }
        }
    }

    private static byte[] interestLine(String key, int count) {
        int space = key.indexOf(' ');
        String subject = space < 0 ? key : key.substring(0, space);
        String queue = space < 0 ? null : key.substring(space + 1);
        ByteBuf buf = Unpooled.buffer(key.length() + 24);
        try {
            if (count > 0) {
                RouteProtocolEncoder.writeRemoteSub(buf, RouteConnection.GLOBAL_ACCOUNT, subject, queue, count);
            } else {
                RouteProtocolEncoder.writeRemoteUnsub(buf, RouteConnection.GLOBAL_ACCOUNT, subject, queue);
            }
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * Settles the cluster name with a peer's: a dynamic name gives way to a static one (or a greater dynamic one).
     *
     * @return the refusal text when both names are fixed and differ, else {@code null}
     */
    String negotiateClusterName(RouteServerInfo peer) {
        String theirs = peer.cluster();
        String ours = clusterName;
        if (theirs == null || theirs.isEmpty() || theirs.equals(ours)) {
            return null;
        }
        if (clusterDynamic && (!peer.clusterDynamic() || theirs.compareTo(ours) > 0)) {
            LOG.log(Level.INFO, () -> "Cluster name updated to " + theirs);
            clusterName = theirs;
            clusterDynamic = peer.clusterDynamic();
            routeInfo = routeInfo.toBuilder().cluster(theirs).clusterDynamic(clusterDynamic).build();
            return null;
        }
        if (peer.clusterDynamic()) {
            return null; // the peer adopts ours
        }
        return "Rejecting connection, cluster name \"" + theirs + "\" does not match \"" + ours + "\"";
    }

    private void updateClientUrls() {
        if (stopped || options.getCluster().isNoAdvertise()) {
            return; // a server going down must not tell its clients that it is the whole cluster
        }
        Set<String> urls = new LinkedHashSet<>(ownClientUrls);
        for (RouteConnection route : routes.values()) {
            RouteServerInfo peer = route.remote();
            if (peer != null && !peer.lameDuckMode()) {
                urls.addAll(peer.connectUrls());
            }
        }
        List<String> list = List.copyOf(urls);
        if (!list.equals(clusterClientUrls)) {
            clusterClientUrls = list;
            clientUrlsListener.accept(list);
        }
    }

    /** Stops dialling, closes the listener and every route. */
    public void shutdown() {
        stopped = true;
        discoveryThread.shutdownNow();
        if (dialer != null) {
            dialer.cancel(false);
        }
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
        return clusterName;
    }

    boolean isClusterDynamic() {
        return clusterDynamic;
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
