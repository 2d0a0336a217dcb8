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
     * Port of the HTTP monitoring listener (/varz, /connz, /routez, /healthz). Use 0 for a free port, published as
     * 'local.nats.server.monitoring-port'. Not set means no monitoring listener.
     */
    private @Nullable Integer monitoringPort;

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
         * Minimum number of routes the node should have for its cluster health to be UP; below it the health is DEGRADED.
         */
        private int minRoutes;

        private final Discovery discovery = new Discovery();

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
         * Interval between two DNS look-ups of the seeds.
         */
        private Duration refreshInterval = Duration.ofSeconds(10);

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

    }

}
