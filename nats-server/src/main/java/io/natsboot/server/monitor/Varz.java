package io.natsboot.server.monitor;

import io.natsboot.server.json.FieldWriter;
import io.natsboot.server.json.JsonWriter;
import io.natsboot.server.json.MapWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code /varz} document: the server's identity, limits and counters at one instant; immutable. Components are
 * in nats-server's field order; each one's JSON name is in its doc.
 *
 * @param serverId         {@code server_id}
 * @param serverName       {@code server_name}
 * @param version          {@code version}: the nats-server version natsboot implements
 * @param proto            {@code proto}
 * @param host             {@code host}: client listener host
 * @param port             {@code port}: bound client port
 * @param tlsRequired      {@code tls_required}, omitted when false
 * @param tlsVerify        {@code tls_verify}, omitted when false
 * @param maxConnections   {@code max_connections}
 * @param maxSubscriptions {@code max_subscriptions}, omitted when 0 (unlimited)
 * @param pingInterval     {@code ping_interval}, written in nanoseconds
 * @param pingMax          {@code ping_max}
 * @param httpHost         {@code http_host}
 * @param httpPort         {@code http_port}: bound monitoring port
 * @param authTimeout      {@code auth_timeout}, written in (fractional) seconds
 * @param maxControlLine   {@code max_control_line}
 * @param maxPayload       {@code max_payload}
 * @param maxPending       {@code max_pending}
 * @param cluster          {@code cluster}
 * @param tlsTimeout       {@code tls_timeout}, written in (fractional) seconds
 * @param writeDeadline    {@code write_deadline}, written in nanoseconds
 * @param start            {@code start}
 * @param now              {@code now}
 * @param mem              {@code mem}: resident memory of the process in bytes
 * @param cores            {@code cores}
 * @param cpu              {@code cpu}: recent CPU use of the process, percent of one core
 * @param connections      {@code connections}: open client connections
 * @param totalConnections {@code total_connections}: client connections accepted since start
 * @param routes           {@code routes}
 * @param remotes          {@code remotes}: remote servers of the cluster
 * @param leafnodes        {@code leafnodes}; natsboot has none
 * @param inMsgs           {@code in_msgs}
 * @param outMsgs          {@code out_msgs}
 * @param inBytes          {@code in_bytes}
 * @param outBytes         {@code out_bytes}
 * @param slowConsumers    {@code slow_consumers}
 * @param subscriptions    {@code subscriptions}
 * @param httpReqStats     {@code http_req_stats}: requests served per monitoring path
 * @param configLoadTime   {@code config_load_time}
 */
public record Varz(
        String serverId,
        String serverName,
        String version,
        int proto,
        String host,
        int port,
        boolean tlsRequired,
        boolean tlsVerify,
        int maxConnections,
        int maxSubscriptions,
        Duration pingInterval,
        int pingMax,
        String httpHost,
        int httpPort,
        Duration authTimeout,
        int maxControlLine,
        int maxPayload,
        long maxPending,
        Cluster cluster,
        Duration tlsTimeout,
        Duration writeDeadline,
        Instant start,
        Instant now,
        long mem,
        int cores,
        double cpu,
        int connections,
        long totalConnections,
        int routes,
        int remotes,
        int leafnodes,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        long slowConsumers,
        int subscriptions,
        SortedMap<String, Long> httpReqStats,
        Instant configLoadTime) {

    public Varz {
        httpReqStats = new TreeMap<>(httpReqStats);
    }

    /**
     * The {@code cluster} object: empty ({@code {}}) on a server without clustering.
     *
     * @param name        {@code name}, omitted when null
     * @param addr        {@code addr}: route listener host, omitted when null
     * @param clusterPort {@code cluster_port}, omitted when 0
     * @param authTimeout {@code auth_timeout} in seconds, omitted when zero
     * @param urls        {@code urls}: configured routes as host:port, omitted when empty
     * @param tlsTimeout  {@code tls_timeout} in seconds, omitted when zero
     * @param tls         {@code tls_required} and {@code tls_verify} (routes always verify), omitted when false
     */
    public record Cluster(String name, String addr, int clusterPort, Duration authTimeout, List<String> urls,
            Duration tlsTimeout, boolean tls) {

        public static final Cluster NONE = new Cluster(null, null, 0, Duration.ZERO, List.of(), Duration.ZERO,
                false);

        public Cluster {
            urls = List.copyOf(urls);
        }

        void write(FieldWriter w) {
            w.fieldIfSet("name", name)
                    .fieldIfSet("addr", addr)
                    .fieldIfNonZero("cluster_port", clusterPort);
            if (!authTimeout.isZero()) {
                w.field("auth_timeout", seconds(authTimeout));
            }
            if (!urls.isEmpty()) {
                w.field("urls", urls);
            }
            if (!tlsTimeout.isZero()) {
                w.field("tls_timeout", seconds(tlsTimeout));
            }
            w.fieldIfTrue("tls_required", tls).fieldIfTrue("tls_verify", tls);
        }
    }

    /** How long the server has been up at {@link #now}, e.g. {@code 2m2s}. */
    public String uptime() {
        return GoFormats.uptime(Duration.between(start, now));
    }

    public String toJson() {
        JsonWriter w = JsonWriter.object();
        write(w);
        return w.end();
    }

    /** The document as ordered maps with the JSON form's names, for a caller that renders it itself. */
    public Map<String, Object> toMap() {
        return MapWriter.collect(this::write);
    }

    private void write(FieldWriter w) {
        w.field("server_id", serverId)
                .field("server_name", serverName)
                .field("version", version)
                .field("proto", proto)
                .field("host", host)
                .field("port", port)
                .fieldIfTrue("tls_required", tlsRequired)
                .fieldIfTrue("tls_verify", tlsVerify)
                .field("max_connections", maxConnections)
                .fieldIfNonZero("max_subscriptions", maxSubscriptions)
                .field("ping_interval", nanos(pingInterval))
                .field("ping_max", pingMax)
                .field("http_host", httpHost)
                .field("http_port", httpPort)
                .field("auth_timeout", seconds(authTimeout))
                .field("max_control_line", maxControlLine)
                .field("max_payload", maxPayload)
                .field("max_pending", maxPending)
                .fieldObject("cluster", cluster::write)
                .field("tls_timeout", seconds(tlsTimeout))
                .field("write_deadline", nanos(writeDeadline))
                .field("start", GoFormats.time(start))
                .field("now", GoFormats.time(now))
                .field("uptime", uptime())
                .field("mem", mem)
                .field("cores", cores)
                .field("cpu", cpu)
                .field("connections", connections)
                .field("total_connections", totalConnections)
                .field("routes", routes)
                .field("remotes", remotes)
                .field("leafnodes", leafnodes)
                .field("in_msgs", inMsgs)
                .field("out_msgs", outMsgs)
                .field("in_bytes", inBytes)
                .field("out_bytes", outBytes)
                .field("slow_consumers", slowConsumers)
                .field("subscriptions", subscriptions);
        Map<String, Long> stats = httpReqStats;
        w.field("http_req_stats", stats)
                .field("config_load_time", GoFormats.time(configLoadTime));
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
