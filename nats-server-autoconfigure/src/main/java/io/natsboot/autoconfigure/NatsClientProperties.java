package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the application's NATS client connection.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("nats.client")
public class NatsClientProperties {

    /**
     * Server URLs to connect to, as 'nats://host:port'. Defaults to the embedded server; set it, with
     * 'nats.server.enabled=false', to use an external cluster.
     */
    private List<String> servers = new ArrayList<>();

    /**
     * Name of the connection, shown by the server. Defaults to 'spring.application.name'.
     */
    private @Nullable String connectionName;

    /**
     * Login user of the server.
     */
    private @Nullable String user;

    /**
     * Login password of the server.
     */
    private @Nullable String password;

    /**
     * Authentication token of the server.
     */
    private @Nullable String token;

    /**
     * Maximum number of reconnect attempts after a connection is lost; -1 means no limit.
     */
    private int maxReconnects = -1;

    /**
     * Time to wait between two reconnect attempts to the same server.
     */
    private Duration reconnectWait = Duration.ofSeconds(2);

    /**
     * Time allowed to open a connection to one server.
     */
    private Duration connectionTimeout = Duration.ofSeconds(2);

    /**
     * Interval between client pings to the server.
     */
    private Duration pingInterval = Duration.ofMinutes(2);

    /**
     * Subject prefix of the connection's reply inboxes.
     */
    private @Nullable String inboxPrefix;

    /**
     * Whether to keep the server from delivering the connection's own messages back to it.
     */
    private boolean noEcho;

    /**
     * Time allowed to drain the connection on shutdown before it is closed.
     */
    private Duration drainTimeout = Duration.ofSeconds(5);

    /**
     * Whether start-up fails when no server can be reached, rather than the connection retrying in the background.
     */
    private boolean failOnStartup = true;

    private final Tls tls = new Tls();

    /**
     * How the connection reaches the embedded node: 'in-process' (no socket; the default when the embedded node is
     * enabled and 'nats.client.servers' is unset) or 'tcp' (its client port; the default when the node takes users
     * from client certificates, 'nats.server.tls.verify-and-map', as an in-process connection has none).
     */
    private @Nullable Transport transport;

    public @Nullable Transport getTransport() {
        return this.transport;
    }

    public void setTransport(@Nullable Transport transport) {
        this.transport = transport;
    }

    /**
     * How the application's connection reaches its embedded node.
     */
    public enum Transport {

        /**
         * Through the node's client port, over the loopback network.
         */
        TCP,

        /**
         * Through the node's in-process listener: no socket, the same client protocol and rules.
         */
        IN_PROCESS

    }

    public List<String> getServers() {
        return this.servers;
    }

    public void setServers(List<String> servers) {
        this.servers = servers;
    }

    public @Nullable String getConnectionName() {
        return this.connectionName;
    }

    public void setConnectionName(@Nullable String connectionName) {
        this.connectionName = connectionName;
    }

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

    public int getMaxReconnects() {
        return this.maxReconnects;
    }

    public void setMaxReconnects(int maxReconnects) {
        this.maxReconnects = maxReconnects;
    }

    public Duration getReconnectWait() {
        return this.reconnectWait;
    }

    public void setReconnectWait(Duration reconnectWait) {
        this.reconnectWait = reconnectWait;
    }

    public Duration getConnectionTimeout() {
        return this.connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public Duration getPingInterval() {
        return this.pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public @Nullable String getInboxPrefix() {
        return this.inboxPrefix;
    }

    public void setInboxPrefix(@Nullable String inboxPrefix) {
        this.inboxPrefix = inboxPrefix;
    }

    public boolean isNoEcho() {
        return this.noEcho;
    }

    public void setNoEcho(boolean noEcho) {
        this.noEcho = noEcho;
    }

    public Duration getDrainTimeout() {
        return this.drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    public boolean isFailOnStartup() {
        return this.failOnStartup;
    }

    public void setFailOnStartup(boolean failOnStartup) {
        this.failOnStartup = failOnStartup;
    }

    public Tls getTls() {
        return this.tls;
    }

    /**
     * TLS of the client connection.
     */
    public static class Tls {

        /**
         * Name of the SSL bundle ('spring.ssl.bundle.*') whose trust store holds the CAs of the servers, and whose key
         * store, if any, holds the client certificate. Defaults to the embedded node's 'nats.server.tls.bundle' when
         * the client uses the embedded node.
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

    }

}
