package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the embedded NATS server node.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("nats.server")
public class NatsServerProperties {

    /**
     * Whether to run an embedded NATS server in the application.
     */
    private boolean enabled = true;

    /**
     * Network address the client listener binds to.
     */
    private String host = "0.0.0.0";

    /**
     * Port of the client listener. Use 0 for a free port, published as 'local.nats.server.port'.
     */
    private int port = 4222;

    /**
     * Name of the server, shown to clients and peers. Defaults to the generated server id.
     */
    private @Nullable String name;

    /**
     * Largest message payload a client may publish.
     */
    private DataSize maxPayload = DataSize.ofMegabytes(1);

    /**
     * Maximum number of client connections accepted at once.
     */
    private int maxConnections = 65536;

    /**
     * Largest amount of data buffered for one client before it is a slow consumer.
     */
    private DataSize maxPending = DataSize.ofMegabytes(64);

    /**
     * Interval between server pings to an idle client.
     */
    private Duration pingInterval = Duration.ofMinutes(2);

    /**
     * Number of unanswered pings after which a client is disconnected.
     */
    private int pingMax = 2;

    /**
     * Time a write to a client may block before the client is disconnected.
     */
    private Duration writeDeadline = Duration.ofSeconds(10);

    /**
     * Time over which a clustered node, when the application shuts down, moves its clients to the other nodes (lame
     * duck mode: it stops accepting clients, tells them, then closes them one by one) before it stops. Must be
     * shorter than 'spring.lifecycle.timeout-per-shutdown-phase'. Zero stops the node at once.
     */
    private Duration lameDuckDuration = Duration.ofSeconds(5);

    /**
     * Time a node in lame duck mode waits, after telling its clients, before it starts closing them. Must be shorter
     * than the lame duck duration.
     */
    private Duration lameDuckGracePeriod = Duration.ofSeconds(1);

    /**
     * Port of the HTTP monitoring listener (/varz, /connz, /routez, /healthz). Use 0 for a free port, published as
     * 'local.nats.server.monitoring-port'. Not set means no monitoring listener.
     */
    private @Nullable Integer monitoringPort;

    private final Auth auth = new Auth();

    private final Tls tls = new Tls();

    private final Cluster cluster = new Cluster();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHost() {
        return this.host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public @Nullable String getName() {
        return this.name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public DataSize getMaxPayload() {
        return this.maxPayload;
    }

    public void setMaxPayload(DataSize maxPayload) {
        this.maxPayload = maxPayload;
    }

    public int getMaxConnections() {
        return this.maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public DataSize getMaxPending() {
        return this.maxPending;
    }

    public void setMaxPending(DataSize maxPending) {
        this.maxPending = maxPending;
    }

    public Duration getPingInterval() {
        return this.pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public int getPingMax() {
        return this.pingMax;
    }

    public void setPingMax(int pingMax) {
        this.pingMax = pingMax;
    }

    public Duration getLameDuckDuration() {
        return this.lameDuckDuration;
    }

    public void setLameDuckDuration(Duration lameDuckDuration) {
        this.lameDuckDuration = lameDuckDuration;
    }

    public Duration getLameDuckGracePeriod() {
        return this.lameDuckGracePeriod;
    }

    public void setLameDuckGracePeriod(Duration lameDuckGracePeriod) {
        this.lameDuckGracePeriod = lameDuckGracePeriod;
    }

    public Duration getWriteDeadline() {
        return this.writeDeadline;
    }

    public void setWriteDeadline(Duration writeDeadline) {
        this.writeDeadline = writeDeadline;
    }

    public @Nullable Integer getMonitoringPort() {
        return this.monitoringPort;
    }

    public void setMonitoringPort(@Nullable Integer monitoringPort) {
        this.monitoringPort = monitoringPort;
    }

    public Auth getAuth() {
        return this.auth;
    }

    public Tls getTls() {
        return this.tls;
    }

    public Cluster getCluster() {
        return this.cluster;
    }

    /**
     * Route listener, seeds and expectations of the node's cluster.
     */
    public static class Cluster {

        /**
         * Name of the cluster; every node of a cluster must use the same one. Not set means the nodes agree on one.
         */
        private @Nullable String name;

        /**
         * Network address the route listener binds to. Defaults to the client host.
         */
        private @Nullable String host;

        /**
         * Port of the route listener. Use 0 for a free port, published as 'local.nats.server.cluster-port'. Not set
         * or negative means no route listener.
         */
        private @Nullable Integer port;

        /**
         * Seed routes to dial, as 'nats-route://host:port'.
         */
        private List<String> routes = new ArrayList<>();

        /**
         * Route address ('host:port') advertised to peers instead of the listen address.
         */
        private @Nullable String advertise;

        /**
         * Whether to keep this node's client URLs out of what the cluster advertises to clients.
         */
        private boolean noAdvertise;

        /**
         * Number of extra attempts to dial an implicit (gossiped) route before giving up on it.
         */
        private int connectRetries;

        /**
         * Minimum number of routes the node should have for its cluster health to be UP; below it (or while a
         * configured seed has never answered) the health is DEGRADED.
         */
        private int minRoutes;

        private final Discovery discovery = new Discovery();

        private final RouteAuth auth = new RouteAuth();

        private final RouteTls tls = new RouteTls();

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public @Nullable String getHost() {
            return this.host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public @Nullable Integer getPort() {
            return this.port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public List<String> getRoutes() {
            return this.routes;
        }

        public void setRoutes(List<String> routes) {
            this.routes = routes;
        }

        public @Nullable String getAdvertise() {
            return this.advertise;
        }

        public void setAdvertise(@Nullable String advertise) {
            this.advertise = advertise;
        }

        public boolean isNoAdvertise() {
            return this.noAdvertise;
        }

        public void setNoAdvertise(boolean noAdvertise) {
            this.noAdvertise = noAdvertise;
        }

        public int getConnectRetries() {
            return this.connectRetries;
        }

        public void setConnectRetries(int connectRetries) {
            this.connectRetries = connectRetries;
        }

        public int getMinRoutes() {
            return this.minRoutes;
        }

        public void setMinRoutes(int minRoutes) {
            this.minRoutes = minRoutes;
        }

        public Discovery getDiscovery() {
            return this.discovery;
        }

        public RouteAuth getAuth() {
            return this.auth;
        }

        public RouteTls getTls() {
            return this.tls;
        }

    }

    /**
     * Seed routes looked up while the node runs.
     */
    public static class Discovery {

        /**
         * DNS name whose addresses are all seeds, such as a Kubernetes headless service.
         */
        private @Nullable String dns;

        /**
         * Cluster port of the seeds found through DNS. Defaults to this node's configured cluster port, or 6222 when
         * that is 0 or not set.
         */
        private @Nullable Integer dnsPort;

        /**
         * Interval between two look-ups of the seeds (DNS and tailnet).
         */
        private Duration refreshInterval = Duration.ofSeconds(10);

        private final Tailscale tailscale = new Tailscale();

        public @Nullable String getDns() {
            return this.dns;
        }

        public void setDns(@Nullable String dns) {
            this.dns = dns;
        }

        public @Nullable Integer getDnsPort() {
            return this.dnsPort;
        }

        public void setDnsPort(@Nullable Integer dnsPort) {
            this.dnsPort = dnsPort;
        }

        public Duration getRefreshInterval() {
            return this.refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public Tailscale getTailscale() {
            return this.tailscale;
        }

    }

    /**
     * Seed routes from the Tailscale network this machine is logged in to: the online peers the local Tailscale
     * daemon lists.
     */
    public static class Tailscale {

        /**
         * Whether to take seed routes from the local Tailscale daemon's online peers.
         */
        private boolean enabled;

        /**
         * Unix-domain socket of the Tailscale daemon's local API.
         */
        private String socket = "/var/run/tailscale/tailscaled.sock";

        /**
         * ACL tag a peer must carry to be a seed, such as "tag:nats" ("nats" means the same). Empty for every peer.
         */
        private @Nullable String tag;

        /**
         * Prefix a peer's host name must start with to be a seed (case-insensitive). Empty for every peer.
         */
        private @Nullable String hostPrefix;

        /**
         * Cluster port of the seeds found on the tailnet. Defaults to this node's configured cluster port, or 6222
         * when that is 0 or not set.
         */
        private @Nullable Integer port;

        /**
         * Whether to bind the cluster listener to this machine's Tailscale address, so that routes never leave the
         * tailnet. Start-up fails when the daemon does not know that address.
         */
        private boolean bind;

        /**
         * Whether to use the peers' (and, with bind, this machine's) Tailscale IPv6 address instead of IPv4.
         */
        private boolean ipv6;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getSocket() {
            return this.socket;
        }

        public void setSocket(String socket) {
            this.socket = socket;
        }

        public @Nullable String getTag() {
            return this.tag;
        }

        public void setTag(@Nullable String tag) {
            this.tag = tag;
        }

        public @Nullable String getHostPrefix() {
            return this.hostPrefix;
        }

        public void setHostPrefix(@Nullable String hostPrefix) {
            this.hostPrefix = hostPrefix;
        }

        public @Nullable Integer getPort() {
            return this.port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public boolean isBind() {
            return this.bind;
        }

        public void setBind(boolean bind) {
            this.bind = bind;
        }

        public boolean isIpv6() {
            return this.ipv6;
        }

        public void setIpv6(boolean ipv6) {
            this.ipv6 = ipv6;
        }

    }

    /**
     * Client authentication and authorization: one user, a token, or a list of users (with a password or an nkey)
     * each with their own permissions.
     */
    public static class Auth {

        /**
         * The single user clients log in as. Cannot be combined with 'token' or 'users'.
         */
        private @Nullable String user;

        /**
         * Password of the single user, plain or a bcrypt hash ('$2a$...').
         */
        private @Nullable String password;

        /**
         * Token clients present instead of a user, plain or a bcrypt hash. Cannot be combined with 'user' or 'users'.
         */
        private @Nullable String token;

        /**
         * Time a new client has to send its credentials (CONNECT). Defaults to nats-server's 2 seconds.
         */
        private @Nullable Duration timeout;

        /**
         * User (or nkey) of 'users' that a client presenting no credentials is taken to be.
         */
        private @Nullable String noAuthUser;

        /**
         * Users that may log in, each with a user and password or with an nkey, and optionally its own permissions.
         */
        private List<User> users = new ArrayList<>();

        /**
         * Permissions of the users that have none of their own, and of the single user or token.
         */
        private final Permissions defaultPermissions = new Permissions();

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable String getToken() {
            return this.token;
        }

        public void setToken(@Nullable String token) {
            this.token = token;
        }

        public @Nullable Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        public @Nullable String getNoAuthUser() {
            return this.noAuthUser;
        }

        public void setNoAuthUser(@Nullable String noAuthUser) {
            this.noAuthUser = noAuthUser;
        }

        public List<User> getUsers() {
            return this.users;
        }

        public void setUsers(List<User> users) {
            this.users = users;
        }

        public Permissions getDefaultPermissions() {
            return this.defaultPermissions;
        }

    }

    /**
     * One entry of 'nats.server.auth.users': 'user' and 'password', or 'nkey' alone.
     */
    public static class User {

        /**
         * Login name.
         */
        private @Nullable String user;

        /**
         * Password, plain or a bcrypt hash ('$2a$...').
         */
        private @Nullable String password;

        /**
         * Public nkey of the user ('U...', 56 characters) instead of a user and password.
         */
        private @Nullable String nkey;

        /**
         * What this user may publish and subscribe to. Not set means the default permissions.
         */
        private final Permissions permissions = new Permissions();

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable String getNkey() {
            return this.nkey;
        }

        public void setNkey(@Nullable String nkey) {
            this.nkey = nkey;
        }

        public Permissions getPermissions() {
            return this.permissions;
        }

    }

    /**
     * Subjects a user may publish and subscribe to, with wildcards; nothing set means everything is allowed.
     */
    public static class Permissions {

        /**
         * Subjects the user may publish to.
         */
        private final SubjectPermission publish = new SubjectPermission();

        /**
         * Subjects the user may subscribe to.
         */
        private final SubjectPermission subscribe = new SubjectPermission();

        /**
         * Replies to requests the user received, allowed even where 'publish' would refuse them.
         */
        private final AllowResponses allowResponses = new AllowResponses();

        public SubjectPermission getPublish() {
            return this.publish;
        }

        public SubjectPermission getSubscribe() {
            return this.subscribe;
        }

        public AllowResponses getAllowResponses() {
            return this.allowResponses;
        }

    }

    /**
     * An allow list and a deny list of subjects.
     */
    public static class SubjectPermission {

        /**
         * Subjects allowed; empty means all that are not denied.
         */
        private List<String> allow = new ArrayList<>();

        /**
         * Subjects denied, even when allowed.
         */
        private List<String> deny = new ArrayList<>();

        public List<String> getAllow() {
            return this.allow;
        }

        public void setAllow(List<String> allow) {
            this.allow = allow;
        }

        public List<String> getDeny() {
            return this.deny;
        }

        public void setDeny(List<String> deny) {
            this.deny = deny;
        }

    }

    /**
     * nats-server's 'allow_responses': a user may publish to the reply subject of a message it received.
     */
    public static class AllowResponses {

        /**
         * Whether responses are allowed. Not set means allowed as soon as 'max-msgs' or 'expires' is set.
         */
        private @Nullable Boolean enabled;

        /**
         * Number of replies allowed to one request. Defaults to 1.
         */
        private @Nullable Integer maxMsgs;

        /**
         * Time after receiving a request within which replies are allowed. Defaults to 2 minutes.
         */
        private @Nullable Duration expires;

        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Integer getMaxMsgs() {
            return this.maxMsgs;
        }

        public void setMaxMsgs(@Nullable Integer maxMsgs) {
            this.maxMsgs = maxMsgs;
        }

        public @Nullable Duration getExpires() {
            return this.expires;
        }

        public void setExpires(@Nullable Duration expires) {
            this.expires = expires;
        }

    }

    /**
     * Client TLS of the node, from a Spring Boot SSL bundle.
     */
    public static class Tls {

        /**
         * Name of the SSL bundle ('spring.ssl.bundle.*') holding the node's certificate and key, and the CAs trusted
         * for client certificates. Not set means no TLS.
         */
        private @Nullable String bundle;

        /**
         * Whether clients must present a certificate signed by a CA of the bundle's trust store.
         */
        private boolean verify;

        /**
         * Whether clients must present a certificate (as with 'verify') that names the user they log in as: its
         * e-mail, DNS or URI name, or its subject DN, must be one of 'nats.server.auth.users' (nats-server's
         * 'verify_and_map').
         */
        private boolean verifyAndMap;

        /**
         * Time the TLS handshake may take.
         */
        private Duration timeout = Duration.ofSeconds(2);

        /**
         * Whether clients may also connect without TLS ('tls_available' rather than 'tls_required').
         */
        private boolean allowNonTls;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public boolean isVerify() {
            return this.verify;
        }

        public void setVerify(boolean verify) {
            this.verify = verify;
        }

        public boolean isVerifyAndMap() {
            return this.verifyAndMap;
        }

        public void setVerifyAndMap(boolean verifyAndMap) {
            this.verifyAndMap = verifyAndMap;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isAllowNonTls() {
            return this.allowNonTls;
        }

        public void setAllowNonTls(boolean allowNonTls) {
            this.allowNonTls = allowNonTls;
        }

    }

    /**
     * Credentials every route must present, and that this node presents on the seed routes it dials.
     */
    public static class RouteAuth {

        /**
         * User of route connections.
         */
        private @Nullable String user;

        /**
         * Password of route connections.
         */
        private @Nullable String password;

        /**
         * Time a new route has to send its credentials. Defaults to nats-server's 2 seconds.
         */
        private @Nullable Duration timeout;

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

    }

    /**
     * Route TLS, from a Spring Boot SSL bundle; both sides of a route present a certificate and verify the other's.
     */
    public static class RouteTls {

        /**
         * Name of the SSL bundle ('spring.ssl.bundle.*') holding this node's route certificate and key and the CAs
         * that sign the other nodes' certificates. Not set means plain routes.
         */
        private @Nullable String bundle;

        /**
         * Time the TLS handshake of a route may take.
         */
        private Duration timeout = Duration.ofSeconds(2);

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

    }

}
