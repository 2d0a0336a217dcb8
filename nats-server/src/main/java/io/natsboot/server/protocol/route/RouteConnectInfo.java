package io.natsboot.server.protocol.route;

import io.natsboot.server.json.JsonException;
import io.natsboot.server.json.JsonReader;
import io.natsboot.server.json.JsonWriter;

import java.util.Map;

/**
 * The CONNECT a soliciting server sends first on a route connection (nats-server 2.9): ours, made with
 * {@link #of(String, String)}, or a peer's, read with {@link #parse(String)}.
 *
 * <p>{@link #toJson()} writes, in nats-server's order: {@code echo, verbose, pedantic, [user, pass], tls_required,
 * headers, name, cluster, [cluster_dynamic], [lnoc], [gateway]}, the bracketed ones only when set. {@code lang} is
 * never written: it is read only so that the acceptor can refuse a client that dialled the route port (nats-server
 * answers {@code -ERR 'attempted to connect to route port'} when it is not empty). A natsboot node leaves
 * {@code lnoc} false.
 *
 * @param name the sender's server_id, which the acceptor takes as the route's remote id
 */
public record RouteConnectInfo(
        boolean echo,
        boolean verbose,
        boolean pedantic,
        String user,
        String pass,
        boolean tlsRequired,
        boolean headers,
        String name,
        String cluster,
        boolean clusterDynamic,
        boolean lnoc,
        String gateway,
        String lang) {

    /** What a natsboot node sends: echo on, verbose and pedantic off, headers on, no credentials, no TLS. */
    public static RouteConnectInfo of(String serverId, String cluster) {
        return new RouteConnectInfo(true, false, false, null, null, false, true, serverId, cluster, false, false,
                null, null);
    }

    /** The same with the route URL's credentials ({@code nats-route://user:pass@host:port}). */
    public RouteConnectInfo withCredentials(String user, String pass) {
        return new RouteConnectInfo(echo, verbose, pedantic, user, pass, tlsRequired, headers, name, cluster,
                clusterDynamic, lnoc, gateway, lang);
    }

    public RouteConnectInfo withTlsRequired(boolean tlsRequired) {
        return new RouteConnectInfo(echo, verbose, pedantic, user, pass, tlsRequired, headers, name, cluster,
                clusterDynamic, lnoc, gateway, lang);
    }

    /** Set when our cluster name was not configured but made up (see cluster name negotiation). */
    public RouteConnectInfo withClusterDynamic(boolean clusterDynamic) {
        return new RouteConnectInfo(echo, verbose, pedantic, user, pass, tlsRequired, headers, name, cluster,
                clusterDynamic, lnoc, gateway, lang);
    }

    /** The JSON text, without the {@code CONNECT } keyword. */
    public String toJson() {
        return JsonWriter.object()
                .field("echo", echo)
                .field("verbose", verbose)
                .field("pedantic", pedantic)
                .fieldIfSet("user", user)
                .fieldIfSet("pass", pass)
                .field("tls_required", tlsRequired)
                .field("headers", headers)
                .field("name", name == null ? "" : name)
                .field("cluster", cluster == null ? "" : cluster)
                .fieldIfTrue("cluster_dynamic", clusterDynamic)
                .fieldIfTrue("lnoc", lnoc)
                .fieldIfSet("gateway", gateway)
                .end();
    }

    /**
     * Reads a peer's route CONNECT. Absent fields take Go's zero values ({@code false}, null); unknown fields are
     * ignored.
     *
     * @throws JsonException when the text is not a JSON object or a known field has the wrong type
     */
    public static RouteConnectInfo parse(String json) {
        Map<String, Object> m = JsonReader.parseObject(json);
        return new RouteConnectInfo(
                JsonFields.bool(m, "echo", false),
                JsonFields.bool(m, "verbose", false),
                JsonFields.bool(m, "pedantic", false),
                JsonFields.string(m, "user"),
                JsonFields.string(m, "pass"),
                JsonFields.bool(m, "tls_required", false),
                JsonFields.bool(m, "headers", false),
                JsonFields.string(m, "name"),
                JsonFields.string(m, "cluster"),
                JsonFields.bool(m, "cluster_dynamic", false),
                JsonFields.bool(m, "lnoc", false),
                JsonFields.string(m, "gateway"),
                JsonFields.string(m, "lang"));
    }
}
