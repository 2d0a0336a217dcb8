package io.natsboot.server;

import io.natsboot.server.connection.Transport;
import io.natsboot.server.delivery.ServerStats;
import io.natsboot.server.options.OptionViolation;
import io.natsboot.server.options.OptionsRule;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.options.ServerVersion;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.route.ClientUrls;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClientHandler;
import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.auth.CredentialChecks;
import io.natsboot.server.client.ClosedReason;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.inprocess.InProcessListener;
import io.natsboot.server.monitor.ConnInfo;
import io.natsboot.server.monitor.Monitor;
import io.natsboot.server.monitor.MonitorServer;
import io.natsboot.server.monitor.ServerView;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.route.RouteSnapshots;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.protocol.InfoTemplate;
import io.natsboot.server.subject.SubjectTree;
import io.natsboot.server.client.ClientTlsUpgrade;
import io.natsboot.server.tls.HandshakeWarmup;
import io.natsboot.server.tls.SslContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A NATS server: owns the listeners, the event loops and every connection. Start it once, stop it once; all public
 * methods are thread-safe.
 */
public final class NatsServer implements ServerView, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NatsServer.class.getName());
    private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

    private final ServerOptions options;
    private final String serverId = ServerId.random();
    private final String serverName;
    private final AtomicLong nextClientId = new AtomicLong();
    private final ServerServices services;
    private final Monitor monitorView;
    private final Object lifecycle = new Object();

    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel clientListener;
    private volatile InProcessListener inProcessListener;
    private volatile MonitorServer monitorServer;
    private volatile RouteManager routes;
    private volatile InfoTemplate info;
    private volatile Authenticator authenticator;
    private volatile CredentialChecks credentialChecks;
    private volatile Instant startTime;
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile boolean lameDuck;
    // released by shutdown: ends the waits of lame duck mode
    private final CountDownLatch quit = new CountDownLatch(1);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    // every client socket until it closes, registered or not: a client being closed is still read (and routed)
    private final ChannelGroup clientChannels = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);

    public NatsServer(ServerOptions options) {
        this.options = options;
        this.serverName = options.getServerName() != null ? options.getServerName() : serverId;
        this.services = new ServerServices(options,
                c -> info.forClient(c.cid(), c.remoteHost(), c.nonce()), () -> routes);
        this.monitorView = new Monitor(this, new RouteSnapshots(() -> routes));
    }

    /** Binds the client (and monitoring) listeners; returns once they accept connections. */
    public void start() {
        synchronized (lifecycle) {
            if (running || stopped) {
                throw new IllegalStateException("a NatsServer starts once");
            }
            refuseViolations();
            authenticator = new Authenticator(options);
            if (authenticator.hasSlowSecrets()) {
                credentialChecks = new CredentialChecks();
            }
            services.useAuthenticator(authenticator, credentialChecks);
            startTime = Instant.now();
            LOG.log(Level.INFO, "Starting nats-server");
            LOG.log(Level.INFO, "  Version:  " + ServerVersion.NATS_VERSION + " (natsboot "
                    + ServerVersion.natsbootVersion() + ")");
            LOG.log(Level.INFO, "  Name:     " + serverName);
            LOG.log(Level.INFO, "  ID:       " + serverId);
            bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("nats-accept", true),
                    Transport.ioHandlerFactory());
            // One I/O thread per core: more only adds switches, as every connection is served by one loop anyway.
            workerGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                    new DefaultThreadFactory("nats-io", true), Transport.ioHandlerFactory());
            // each loop's thread and buffer cache made now, while the listeners bind, not by the first client it gets
            for (EventExecutor loop : workerGroup) {
                loop.execute(() -> Transport.allocator().directBuffer(1).release());
            }
            try {
                // nats-server opens monitoring first: /healthz answers (503) until clients are accepted
                if (options.getHttpPort() >= 0) {
                    monitorServer = MonitorServer.start(monitorView,
                            options.getHttpHost() != null ? options.getHttpHost() : options.getHost(),
                            options.getHttpPort());
                }
                bindClientListener();
                if (options.getCluster().isConfigured()) {
                    startRoutes();
                }
            } catch (RuntimeException e) {
                if (routes != null) {
                    routes.shutdown();
                }
                if (clientListener != null) {
                    clientListener.close().awaitUninterruptibly();
                }
                if (inProcessListener != null) {
                    inProcessListener.close();
                    inProcessListener.shutdownLoop();
                }
                closeMonitor();
                shutdownGroups();
                stopped = true;
                terminated.complete(null);
                throw e;
            }
            running = true;
            LOG.log(Level.INFO, "Server is ready");
        }
    }

    // the embedded server's wording of the options rule: the first violation, as nats-server refuses to start
    private void refuseViolations() {
        List<OptionViolation> violations = OptionsRule.check(options);
        if (violations.isEmpty()) {
            return;
        }
        OptionViolation first = violations.get(0);
        throw new ServerStartException(switch (first.option()) {
            case "port", "http_port" -> "port out of range: " + Math.max(options.getPort(), options.getHttpPort());
            default -> first.message();
        });
    }

    private void bindClientListener() {
        TlsOptions tls = options.getTls();
        SslContext clientSsl = tls.isConfigured() ? SslContexts.server(tls, tls.isVerify()) : null;
        if (clientSsl != null) {
            HandshakeWarmup.run(clientSsl);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, Transport.allocator())
                .childHandler(clientPipeline(clientSsl));
        ChannelFuture bound = bootstrap.bind(options.getHost(), Math.max(0, options.getPort())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ServerStartException("Error listening on port: " + options.getHost() + ":" + options.getPort()
                    + ", \"" + bound.cause().getMessage() + "\"", bound.cause());
        }
        clientListener = bound.channel();
        info = new InfoTemplate(serverId, serverName, options.getClientAdvertise(), options.getHost(), port(),
                !options.isNoHeaderSupport(), authenticator.isRequired(), options.getMaxPayload(),
                options.getTls().isConfigured(), options.getTls().isVerify(), options.getTls().isAllowNonTls());
        LOG.log(Level.INFO, "Listening for client connections on " + Transport.hostPort(clientListener));
        if (clientSsl != null) {
            LOG.log(Level.INFO, "TLS required for client connections");
        }
        LOG.log(Level.DEBUG, () -> "Socket transport: " + Transport.name());
        // the same client pipeline without TLS: in-process bytes never leave the JVM
        inProcessListener = InProcessListener.bind(serverName, serverId, clientPipeline(null));
        LOG.log(Level.DEBUG, () -> "Listening for in-process client connections on " + inProcessListener.url());
    }

    /**
     * What every client connection's pipeline is, whichever listener accepted it: (TLS), the decoder, the handler.
     */
    private ChannelInitializer<Channel> clientPipeline(SslContext clientSsl) {
        TlsOptions tls = options.getTls();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                clientChannels.add(ch);
                ClientConnection connection = new ClientConnection(nextClientId.incrementAndGet(), ch, services);
                ClientProtocolDecoder decoder =
                        connection.newDecoder(options.getMaxControlLine(), options.getMaxPayload());
                if (clientSsl != null) {
                    ch.pipeline().addLast(new ClientTlsUpgrade(clientSsl, tls, connection));
                }
                ch.pipeline().addLast(decoder, new ClientHandler(connection));
            }
        };
    }

    private void startRoutes() {
        RouteManager manager = new RouteManager(options, serverId, serverName, services.subjects(),
                services.router(), bossGroup,
                workerGroup, ClientUrls.of(options, port()), nextClientId, this::clusterClientUrlsChanged);
        routes = manager;
        info = info.withCluster(manager.clusterName(), manager.clusterClientUrls());
        manager.start();
    }

    // The cluster's client URLs changed: clients that can take it get a fresh INFO, so they can fail over.
    private void clusterClientUrlsChanged(List<String> urls) {
        if (stopped) {
            return;
        }
        RouteManager manager = routes;
        info = info.withCluster(manager == null ? null : manager.clusterName(), urls);
        for (ClientConnection c : services.clients()) {
            c.channel().eventLoop().execute(c::sendAsyncInfo);
        }
    }

    @Override
    public int clusterPort() {
        RouteManager manager = routes;
        return manager == null ? -1 : manager.clusterPort();
    }

    /** The cluster this server belongs to, or {@code null} when it is not clustered. */
    public RouteManager routeManager() {
        return routes;
    }

    @Override
    public String clusterName() {
        RouteManager manager = routes;
        return manager == null ? null : manager.clusterName();
    }

    /**
     * The monitoring documents of this server (varz, connz, routez, subsz, healthz) and its cluster snapshot, read
     * fresh on each call; the same object for the server's whole life, whether or not the HTTP port is open.
     */
    public Monitor monitor() {
        return monitorView;
    }

    @Override
    public int port() {
        Channel listener = clientListener;
        if (listener == null) {
            throw new IllegalStateException("the server is not started");
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public int httpPort() {
        MonitorServer m = monitorServer;
        return m == null ? -1 : m.port();
    }

    /**
     * The URL of this server's in-process listener, {@code nats://<server name>.in-process.invalid}, for jnats with
     * {@code io.nats.client.impl.NatsbootInProcessDataPort}: the connection skips the socket. Under the server ID when the name is taken
     * by another server of this JVM or cannot be a host name.
     */
    public String inProcessUrl() {
        InProcessListener listener = inProcessListener;
        if (listener == null) {
            throw new IllegalStateException("the server is not started");
        }
        return listener.url();
    }

    /** A URL clients on this machine can use, e.g. {@code nats://127.0.0.1:4222}. */
    public String clientUrl() {
        String host = options.getHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "nats://" + host + ":" + port();
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public String serverName() {
        return serverName;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public ServerStats stats() {
        return services.stats();
    }

    @Override
    public SubjectTree<Subscription> subjects() {
        return services.subjects();
    }

    @Override
    public Collection<ClientConnection> clients() {
        return services.clients();
    }

    @Override
    public List<ConnInfo> closedClients() {
        return services.closedClients();
    }

    /**
     * Enters lame duck mode, as nats-server does on SIGUSR2: closes the client listener, sends routes and clients an
     * INFO with {@code "ldm":true} (clients then prefer the other servers), waits {@code lame_duck_grace_period}, closes
     * the clients one by one over the rest of {@code lame_duck_duration}, keeps the routes until the clients are gone,
     * then shuts down ({@link #whenShutdown()}). Returns at once; does nothing unless running and not already in lame
     * duck mode. A {@link #shutdown()} meanwhile ends it at once.
     */
    public void enterLameDuckMode() {
        synchronized (lifecycle) {
            if (!running || stopped || lameDuck) {
                return;
            }
            LOG.log(Level.INFO, "Entering lame duck mode, stop accepting new clients");
            lameDuck = true;
            clientListener.close().awaitUninterruptibly();
        }
        new LameDuck(options.getLameDuckDuration(), options.getLameDuckGracePeriod(), services::clients,
                this::announceLameDuck, this::shutdown, quit).start();
    }

    /** Whether lame duck mode was entered (and the server is, or is going, down). */
    public boolean isLameDuckMode() {
        return lameDuck;
    }

    // routes learn first, then the clients get the one INFO with "ldm":true and only the other servers' URLs
    private void announceLameDuck(List<ClientConnection> clients) {
        RouteManager manager = routes;
        List<String> others = manager == null ? List.of() : manager.enterLameDuckMode();
        InfoTemplate current = info;
        InfoTemplate ldm = current.withLameDuck(others);
        info = current.withCluster(manager == null ? null : manager.clusterName(), others);
        for (ClientConnection c : clients) {
            String json = ldm.forClient(c.cid(), c.remoteHost(), c.nonce());
            c.channel().eventLoop().execute(() -> c.sendAsyncInfo(json));
        }
    }

    /** Completes once the server has shut down, whatever shut it down (a call, or the end of lame duck mode). */
    public CompletableFuture<Void> whenShutdown() {
        return terminated.copy();
    }

    /**
     * Shuts down in the order that loses nothing the server took in: stops accepting; stops reading clients, so
     * that what they sent is routed before they close; closes the clients after writing what is queued for them;
     * then closes the routes after writing what is queued (the clients' last messages among it); then exits.
     * Idempotent.
     */
    public void shutdown() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            quit.countDown();
            services.stop();
            boolean wasRunning = running;
            running = false;
            if (wasRunning) {
                LOG.log(Level.INFO, "Initiating Shutdown...");
            }
            if (clientListener != null) {
                clientListener.close().awaitUninterruptibly();
            }
            if (inProcessListener != null) {
                inProcessListener.close();
            }
            closeClients();
            if (routes != null) {
                routes.shutdown();
            }
            closeMonitor();
            shutdownGroups();
            if (wasRunning) {
                LOG.log(Level.INFO, "Server Exiting..");
            }
        }
        terminated.complete(null);
    }

    // the routes wait for this: what a client sends until it has closed its side is routed
    private void closeClients() {
        for (ClientConnection c : services.clients()) {
            c.channel().eventLoop().execute(c::closeForShutdown);
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel ch : clientChannels) {
            closing.add(ch.closeFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_WAIT_MILLIS);
        for (ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    private void closeMonitor() {
        if (monitorServer != null) {
            monitorServer.close();
        }
    }

    private void shutdownGroups() {
        if (credentialChecks != null) {
            credentialChecks.close();
        }
        // both at once, no quiet period: every connection is closed by now, and the process should exit promptly
        Future<?> workers = workerGroup == null ? null : workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        Future<?> bosses = bossGroup == null ? null : bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (workers != null) {
            workers.awaitUninterruptibly();
        }
        if (inProcessListener != null) {
            inProcessListener.shutdownLoop();
        }
        if (bosses != null) {
            bosses.awaitUninterruptibly();
        }
    }

    /** {@code host:port} of a listener as nats-server logs it: a wildcard bind shows as {@code 0.0.0.0}. */
    public static String hostPort(Channel listener) {
        return Transport.hostPort(listener);
    }
}
