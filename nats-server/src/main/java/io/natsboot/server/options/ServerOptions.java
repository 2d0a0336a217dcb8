package io.natsboot.server.options;


import io.natsboot.server.NatsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link NatsServer} can be told, with nats-server 2.9's defaults; filled in by the command line, a
 * config file or Spring properties, and read once when the server starts.
 *
 * <p>Ports follow the engine's convention, not nats-server's: {@code 0} binds an ephemeral port and a negative port
 * disables the listener (monitoring only). The command line maps nats-server's {@code -1} ("random") onto {@code 0}.
 */
public final class ServerOptions {

    public static final int DEFAULT_PORT = 4222;
    public static final int DEFAULT_CLUSTER_PORT = 6222;
    public static final int DEFAULT_MAX_PAYLOAD = 1024 * 1024;
    public static final int DEFAULT_MAX_CONTROL_LINE = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 64 * 1024;
    public static final long DEFAULT_MAX_PENDING = 64L * 1024 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(2);
    public static final int DEFAULT_PING_MAX = 2;
    public static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LAME_DUCK_DURATION = Duration.ofMinutes(2);
    public static final Duration DEFAULT_LAME_DUCK_GRACE_PERIOD = Duration.ofSeconds(10);
    /** nats-server's {@code connect_error_reports}: a route that never connected logs every 3600th dial failure. */
    public static final int DEFAULT_CONNECT_ERROR_REPORTS = 3600;
    /** nats-server's {@code reconnect_error_reports}: a route that was connected logs every dial failure. */
    public static final int DEFAULT_RECONNECT_ERROR_REPORTS = 1;

    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private String serverName;
    private String clientAdvertise;
    private String httpHost;
    private int httpPort = -1;
    private int maxPayload = DEFAULT_MAX_PAYLOAD;
    private int maxControlLine = DEFAULT_MAX_CONTROL_LINE;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxSubscriptions;
    private long maxPending = DEFAULT_MAX_PENDING;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private int pingMax = DEFAULT_PING_MAX;
    private Duration writeDeadline = DEFAULT_WRITE_DEADLINE;
    private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
    private Duration lameDuckDuration = DEFAULT_LAME_DUCK_DURATION;
    private Duration lameDuckGracePeriod = DEFAULT_LAME_DUCK_GRACE_PERIOD;
    private int connectErrorReports = DEFAULT_CONNECT_ERROR_REPORTS;
    private int reconnectErrorReports = DEFAULT_RECONNECT_ERROR_REPORTS;
    private boolean noHeaderSupport;
    private boolean debug;
    private boolean trace;
    private boolean logtime = true;
    private String logFile;
    private String pidFile;
    private String portsFileDir;
    private final Authorization authorization = new Authorization();
    private final TlsOptions tls = new TlsOptions();
    private final Cluster cluster = new Cluster();

    public String getHost() {
        return host;
    }

    public ServerOptions setHost(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    public int getPort() {
        return port;
    }

    public ServerOptions setPort(int port) {
        this.port = port;
        return this;
    }

    /** The configured name, or {@code null} to use the server id as nats-server does. */
    public String getServerName() {
        return serverName;
    }

    public ServerOptions setServerName(String serverName) {
        this.serverName = serverName;
        return this;
    }

    /** {@code host[:port]} advertised to clients instead of the listen address, or {@code null}. */
    public String getClientAdvertise() {
        return clientAdvertise;
    }

    public ServerOptions setClientAdvertise(String clientAdvertise) {
        this.clientAdvertise = clientAdvertise;
        return this;
    }

    /** Monitoring bind host; {@code null} means the client host. */
    public String getHttpHost() {
        return httpHost;
    }

    public ServerOptions setHttpHost(String httpHost) {
        this.httpHost = httpHost;
        return this;
    }

    /** Monitoring port: negative disables it, 0 binds an ephemeral port. */
    public int getHttpPort() {
        return httpPort;
    }

    public ServerOptions setHttpPort(int httpPort) {
        this.httpPort = httpPort;
        return this;
    }

    public int getMaxPayload() {
        return maxPayload;
    }

    public ServerOptions setMaxPayload(int maxPayload) {
        this.maxPayload = maxPayload;
        return this;
    }

    public int getMaxControlLine() {
        return maxControlLine;
    }

    public ServerOptions setMaxControlLine(int maxControlLine) {
        this.maxControlLine = maxControlLine;
        return this;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public ServerOptions setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
        return this;
    }

    /** Subscriptions allowed per connection; 0 means unlimited. */
    public int getMaxSubscriptions() {
        return maxSubscriptions;
    }

    public ServerOptions setMaxSubscriptions(int maxSubscriptions) {
        this.maxSubscriptions = maxSubscriptions;
        return this;
    }

    public long getMaxPending() {
        return maxPending;
    }

    public ServerOptions setMaxPending(long maxPending) {
        this.maxPending = maxPending;
        return this;
    }

    public Duration getPingInterval() {
        return pingInterval;
    }

    public ServerOptions setPingInterval(Duration pingInterval) {
        this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
        return this;
    }

    public int getPingMax() {
        return pingMax;
    }

    public ServerOptions setPingMax(int pingMax) {
        this.pingMax = pingMax;
        return this;
    }

    /**
     * Every how many failed dials of a route that never connected one is logged at error level (the first always
     * is; the others at debug).
     */
    public int getConnectErrorReports() {
        return connectErrorReports;
    }

    public ServerOptions setConnectErrorReports(int connectErrorReports) {
        this.connectErrorReports = connectErrorReports;
        return this;
    }

    /** As {@link #getConnectErrorReports()}, for a route that was connected before. */
    public int getReconnectErrorReports() {
        return reconnectErrorReports;
    }

    public ServerOptions setReconnectErrorReports(int reconnectErrorReports) {
        this.reconnectErrorReports = reconnectErrorReports;
        return this;
    }

    public Duration getWriteDeadline() {
        return writeDeadline;
    }

    public ServerOptions setWriteDeadline(Duration writeDeadline) {
        this.writeDeadline = Objects.requireNonNull(writeDeadline, "writeDeadline");
        return this;
    }

    public Duration getAuthTimeout() {
        return authTimeout;
    }

    public ServerOptions setAuthTimeout(Duration authTimeout) {
        this.authTimeout = Objects.requireNonNull(authTimeout, "authTimeout");
        return this;
    }

    public Duration getLameDuckDuration() {
        return lameDuckDuration;
    }

    public ServerOptions setLameDuckDuration(Duration lameDuckDuration) {
        this.lameDuckDuration = Objects.requireNonNull(lameDuckDuration, "lameDuckDuration");
        return this;
    }

    public Duration getLameDuckGracePeriod() {
        return lameDuckGracePeriod;
    }

    public ServerOptions setLameDuckGracePeriod(Duration lameDuckGracePeriod) {
        this.lameDuckGracePeriod = Objects.requireNonNull(lameDuckGracePeriod, "lameDuckGracePeriod");
        return this;
    }

    public boolean isNoHeaderSupport() {
        return noHeaderSupport;
    }

    public ServerOptions setNoHeaderSupport(boolean noHeaderSupport) {
        this.noHeaderSupport = noHeaderSupport;
        return this;
    }

    public boolean isDebug() {
        return debug;
    }

    public ServerOptions setDebug(boolean debug) {
        this.debug = debug;
        return this;
    }

    public boolean isTrace() {
        return trace;
    }

    public ServerOptions setTrace(boolean trace) {
        this.trace = trace;
        return this;
    }

    public boolean isLogtime() {
        return logtime;
    }

    public ServerOptions setLogtime(boolean logtime) {
        this.logtime = logtime;
        return this;
    }

    public String getLogFile() {
        return logFile;
    }

    public ServerOptions setLogFile(String logFile) {
        this.logFile = logFile;
        return this;
    }

    public String getPidFile() {
        return pidFile;
    }

    public ServerOptions setPidFile(String pidFile) {
        this.pidFile = pidFile;
        return this;
    }

    public String getPortsFileDir() {
        return portsFileDir;
    }

    public ServerOptions setPortsFileDir(String portsFileDir) {
        this.portsFileDir = portsFileDir;
        return this;
    }

    public Authorization getAuthorization() {
        return authorization;
    }

    /** Client TLS ({@code tls {}} / {@code --tls --tlscert --tlskey --tlsverify --tlscacert}). */
    public TlsOptions getTls() {
        return tls;
    }

    public Cluster getCluster() {
        return cluster;
    }

    /** Client authentication ({@code authorization {}} / {@code --user --pass --auth}). */
    public static final class Authorization {
        private String user;
        private String password;
        private String token;
        private Duration timeout;
        private final List<AuthUser> users = new ArrayList<>();
        private final List<NkeyUser> nkeys = new ArrayList<>();
        private Permissions defaultPermissions;
        private String noAuthUser;

        public String getUser() {
            return user;
        }

        public Authorization setUser(String user) {
            this.user = user;
            return this;
        }

        public String getPassword() {
            return password;
        }

        public Authorization setPassword(String password) {
            this.password = password;
            return this;
        }

        public String getToken() {
            return token;
        }

        public Authorization setToken(String token) {
            this.token = token;
            return this;
        }

        /** {@code authorization.timeout}, or {@code null} for {@link ServerOptions#getAuthTimeout()}. */
        public Duration getTimeout() {
            return timeout;
        }

        public Authorization setTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** {@code authorization.users}: user/password entries (plain or bcrypt {@code $2a$}), each with permissions. */
        public List<AuthUser> getUsers() {
            return users;
        }

        /** {@code authorization.users} entries with an {@code nkey} instead of user/password. */
        public List<NkeyUser> getNkeys() {
            return nkeys;
        }

        /**
         * {@code authorization.permissions} / {@code default_permissions}: what users without their own permissions
         * (and the single user or token) may do; {@code null} means everything.
         */
        public Permissions getDefaultPermissions() {
            return defaultPermissions;
        }

        public Authorization setDefaultPermissions(Permissions defaultPermissions) {
            this.defaultPermissions = defaultPermissions;
            return this;
        }

        /** Top-level {@code no_auth_user}: the user a client that presents no credentials is taken to be. */
        public String getNoAuthUser() {
            return noAuthUser;
        }

        public Authorization setNoAuthUser(String noAuthUser) {
            this.noAuthUser = noAuthUser;
            return this;
        }

        /** Whether any credential is configured, so clients must authenticate. */
        public boolean isConfigured() {
            return user != null || password != null || token != null || !users.isEmpty() || !nkeys.isEmpty();
        }
    }

    /** The route listener and its seeds ({@code cluster {}} / {@code --cluster --routes}). */
    public static final class Cluster {
        private String name;
        private String host;
        private int port = -1;
        private String advertise;
        private boolean noAdvertise;
        private int connectRetries;
        private final List<String> routes = new ArrayList<>();
        private final List<RouteDiscovery> discovery = new ArrayList<>();
        private String user;
        private String password;
        private Duration authTimeout;
        private final TlsOptions tls = new TlsOptions();

        public String getName() {
            return name;
        }

        public Cluster setName(String name) {
            this.name = name;
            return this;
        }

        public String getHost() {
            return host;
        }

        public Cluster setHost(String host) {
            this.host = host;
            return this;
        }

        /** Cluster port: negative means no cluster listener, 0 an ephemeral one. */
        public int getPort() {
            return port;
        }

        public Cluster setPort(int port) {
            this.port = port;
            return this;
        }

        public String getAdvertise() {
            return advertise;
        }

        public Cluster setAdvertise(String advertise) {
            this.advertise = advertise;
            return this;
        }

        public boolean isNoAdvertise() {
            return noAdvertise;
        }

        public Cluster setNoAdvertise(boolean noAdvertise) {
            this.noAdvertise = noAdvertise;
            return this;
        }

        public int getConnectRetries() {
            return connectRetries;
        }

        public Cluster setConnectRetries(int connectRetries) {
            this.connectRetries = connectRetries;
            return this;
        }

        /** Seed route URLs ({@code nats-route://[user:pass@]host:port}), in the order given. */
        public List<String> getRoutes() {
            return routes;
        }

        /** Further sources of seed routes, asked again periodically (DNS, or one the application supplies). */
        public List<RouteDiscovery> getDiscovery() {
            return discovery;
        }

        public String getUser() {
            return user;
        }

        public Cluster setUser(String user) {
            this.user = user;
            return this;
        }

        public String getPassword() {
            return password;
        }

        public Cluster setPassword(String password) {
            this.password = password;
            return this;
        }

        /** {@code cluster.authorization.timeout}, or {@code null} for {@link ServerOptions#getAuthTimeout()}. */
        public Duration getAuthTimeout() {
            return authTimeout;
        }

        public Cluster setAuthTimeout(Duration authTimeout) {
            this.authTimeout = authTimeout;
            return this;
        }

        /** Route TLS ({@code cluster { tls {} }}): both sides of every route, before any protocol byte. */
        public TlsOptions getTls() {
            return tls;
        }

        /** Whether anything asks for clustering: a listener or a seed. */
        public boolean isConfigured() {
            return port >= 0 || !routes.isEmpty() || !discovery.isEmpty() || name != null;
        }
    }
}
