package io.natsboot.server.monitor;

import io.natsboot.server.NatsServer;
import io.natsboot.server.ServerOptions;
import io.natsboot.server.ServerStats;
import io.natsboot.server.protocol.ServerVersion;
import io.natsboot.server.TlsOptions;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.subject.Subjects;
import io.natsboot.server.tls.TlsDefaults;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds the monitoring documents ({@link Varz}, {@link Connz}, {@link Subsz}, {@link Routez}, {@link HealthStatus})
 * from a server's live state, as plain method calls; {@link MonitorServer} only adapts them to HTTP. Thread-safe.
 */
public final class Monitor {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final NatsServer server;
    private final RouteSource routes;
    private final Map<String, LongAdder> httpRequests = new ConcurrentHashMap<>();

    public Monitor(NatsServer server, RouteSource routes) {
        this.server = server;
        this.routes = routes;
    }

    /** Counts one request for {@code http_req_stats}, under nats-server's name for the path (e.g. {@code /subsz}). */
    public void countRequest(String path) {
        httpRequests.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    public Varz varz() {
        ServerOptions o = server.options();
        ServerStats stats = server.stats();
        Instant now = Instant.now();
        TreeMap<String, Long> requests = new TreeMap<>();
        httpRequests.forEach((path, n) -> requests.put(path, n.sum()));
        Duration authTimeout = o.getAuthorization().getTimeout() != null
                ? o.getAuthorization().getTimeout() : TlsDefaults.authTimeout(o.getTls(), o.getAuthTimeout());
        TlsOptions tls = o.getTls();
        int cores = Runtime.getRuntime().availableProcessors();
        return new Varz(server.serverId(), server.serverName(), ServerVersion.NATS_VERSION,
                ServerVersion.CLIENT_PROTO, o.getHost(), clientPort(), tls.isConfigured() && !tls.isAllowNonTls(),
                tls.isConfigured() && tls.isVerify(), o.getMaxConnections(),
                o.getMaxSubscriptions(), o.getPingInterval(), o.getPingMax(), httpHost(o), server.httpPort(),
                authTimeout, o.getMaxControlLine(), o.getMaxPayload(), o.getMaxPending(), cluster(server),
                o.getTls().getTimeout(), o.getWriteDeadline(), server.startTime(), now, residentMemory(), cores,
                cpuPercent(cores), server.clients().size(), stats.totalConnections.get(),
                routes.routes(now, false).size(), 0, 0, stats.inMsgs.sum(), stats.outMsgs.sum(),
                stats.inBytes.sum(), stats.outBytes.sum(), stats.slowConsumers.get(), server.subjects().count(),
                requests, server.startTime());
    }

    /**
     * One page of connections.
     *
     * @throws IllegalArgumentException with nats-server's message, when {@code sort=stop|reason} is asked of open
     *                                  connections
     */
    public Connz connz(Connz.Options options) {
        Connz.State state = options.state();
        ConnzSort sort = options.sort();
        if (sort.closedOnly() && state != Connz.State.CLOSED) {
            throw new IllegalArgumentException("sort by " + sort.key() + " only valid on closed connections");
        }
        Instant now = Instant.now();
        int offset = Math.max(0, options.offset());
        int limit = options.limit() <= 0 ? Connz.DEFAULT_LIMIT : options.limit();
        long cid = options.cid();
        if (cid > 0) {
            limit = 1;
        }
        Collection<ClientConnection> open = state == Connz.State.CLOSED ? List.of() : server.clients();
        List<ConnInfo> closed = state == Connz.State.OPEN ? List.of() : server.closedClients();
        // as in nats-server, total counts the state's connections even when cid picks one of them
        int total = open.size() + closed.size();
        boolean withSubs = options.subs() || options.subsDetail();
        List<ConnInfo> all = new ArrayList<>(cid > 0 ? 1 : total);
        for (ClientConnection c : open) {
            if (cid <= 0 || c.cid() == cid) {
                all.add(ConnInfo.open(c, now, withSubs));
            }
        }
        for (ConnInfo c : closed) {
            if (cid <= 0 || c.cid() == cid) {
                all.add(c);
            }
        }
        all.sort(sort.comparator(now));
        List<ConnInfo> page = page(all, offset, limit);
        return new Connz(server.serverId(), now, page.size(), total, offset, limit, page, options);
    }

    /**
     * The subscription index's counters and, with {@code subs}, one page of its subscriptions (in cid, then subject
     * order).
     *
     * @throws IllegalArgumentException with nats-server's message, when {@code test} is not a literal subject
     */
    public Subsz subsz(Subsz.Options options) {
        String test = options.test() == null || options.test().isEmpty() ? null : options.test();
        if (test != null && !Subjects.isValidPublishSubject(test)) {
            throw new IllegalArgumentException("invalid test subject, must be valid publish subject: " + test);
        }
        int offset = Math.max(0, options.offset());
        int limit = options.limit() <= 0 ? Subsz.DEFAULT_LIMIT : options.limit();
        Instant now = Instant.now();
        if (!options.subs()) {
            return new Subsz(server.serverId(), now, server.subjects().stats(), 0, offset, limit, List.of());
        }
        List<SubDetail> all = new ArrayList<>();
        server.subjects().forEach((subject, queue, sub) -> {
            if (test == null || Subjects.matches(test, subject)) {
                all.add(SubDetail.of(sub, SubDetail.GLOBAL_ACCOUNT));
            }
        });
        all.sort(Comparator.comparingLong(SubDetail::cid).thenComparing(SubDetail::subject)
                .thenComparing(SubDetail::sid));
        List<SubDetail> page = page(all, offset, limit);
        return new Subsz(server.serverId(), now, server.subjects().stats(), page.size(), offset, limit, page);
    }

    public Routez routez(boolean subs, boolean subsDetail) {
        Instant now = Instant.now();
        return new Routez(server.serverId(), now, routes.routes(now, subs || subsDetail), subs, subsDetail);
    }

    /** {@code ok} while the server accepts clients; {@code error} before it does and once it stops. */
    public HealthStatus healthz() {
        if (server.isRunning()) {
            return HealthStatus.OK;
        }
        return new HealthStatus("error", "failed to be ready for connections after 1ms: server");
    }

    private static <T> List<T> page(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return List.copyOf(all.subList(from, to));
    }

    private int clientPort() {
        try {
            return server.port();
        } catch (IllegalStateException notStarted) {
            return server.options().getPort();
        }
    }

    static String httpHost(ServerOptions o) {
        return o.getHttpHost() == null || o.getHttpHost().isEmpty() ? o.getHost() : o.getHttpHost();
    }

    private static Varz.Cluster cluster(NatsServer server) {
        ServerOptions.Cluster c = server.options().getCluster();
        if (!c.isConfigured()) {
            return Varz.Cluster.NONE;
        }
        List<String> urls = new ArrayList<>();
        for (String route : c.getRoutes()) {
            urls.add(hostPort(route));
        }
        // the bound port and the name in effect (a dynamic name may have been replaced by a peer's)
        String name = server.routeManager() != null ? server.routeManager().clusterName() : c.getName();
        return new Varz.Cluster(name, c.getHost(), Math.max(0, server.clusterPort()),
                c.getAuthTimeout() != null ? c.getAuthTimeout()
                        : TlsDefaults.authTimeout(c.getTls(), ServerOptions.DEFAULT_AUTH_TIMEOUT),
                urls, c.getTls().getTimeout(), c.getTls().isConfigured());
    }

    /** {@code nats-route://user:pass@host:port} → {@code host:port}, as nats-server lists route URLs. */
    private static String hostPort(String url) {
        String s = url;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int slash = s.indexOf('/');
        return slash >= 0 ? s.substring(0, slash) : s;
    }

    /** Resident set size from {@code /proc} where there is one, else the JVM's used heap. */
    private static long residentMemory() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim();
                    int space = kb.indexOf(' ');
                    return Long.parseLong(space < 0 ? kb : kb.substring(0, space)) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Recent CPU use of this process in percent of one core, one decimal, like {@code ps}; 0 when unknown. */
    private static double cpuPercent(int cores) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            if (load > 0) {
                return Math.round(load * cores * 1000) / 10.0;
            }
        }
        return 0;
    }
}
