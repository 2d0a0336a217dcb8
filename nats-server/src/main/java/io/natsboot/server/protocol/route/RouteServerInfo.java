package io.natsboot.server.protocol.route;

import io.natsboot.server.options.ServerVersion;
import io.natsboot.server.json.JsonException;
import io.natsboot.server.json.JsonReader;
import io.natsboot.server.json.JsonWriter;

import java.util.List;
import java.util.Map;

/**
 * The INFO a server sends on a route connection (nats-server 2.9, route protocol 2): ours, built with
 * {@link #builder()}, or a peer's, read with {@link #parse(String)}.
 *
 * <p>{@link #toJson()} writes the fields in nats-server's order, leaving out the optional ones that are unset (empty
 * string, {@code false}, empty list, null) as Go's {@code omitempty} does; {@code server_id}, {@code server_name},
 * {@code version}, {@code proto}, {@code host}, {@code port}, {@code headers} and {@code max_payload} are always
 * written. {@code go} is written only when set (a natsboot node has no Go version to report). A peer's INFO
 * parsed and written again gives the same bytes, fields this type does not know excepted (they are ignored).
 *
 * <p>A natsboot node must leave {@link #lnoc()} false: it does not take leaf-origin ops ({@code LS+}, {@code LMSG}).
 * Lists are never null.
 *
 * @param goVersion    {@code go}
 * @param ip           {@code nats-route://host:port/}: set with {@code cluster.advertise} and in gossip INFOs
 * @param nonce        random, unused by routes; cleared in gossip
 * @param connectUrls  the sender's own client URLs ({@code host:port})
 * @param lameDuckMode {@code ldm}: the sender entered lame duck mode
 */
public record RouteServerInfo(
        String serverId,
        String serverName,
        String version,
        int proto,
        String gitCommit,
        String goVersion,
        String host,
        int port,
        boolean headers,
        boolean authRequired,
        boolean tlsRequired,
        boolean tlsVerify,
        boolean tlsAvailable,
        int maxPayload,
        boolean jetStream,
        String ip,
        String nonce,
        String cluster,
        boolean clusterDynamic,
        String domain,
        List<String> connectUrls,
        List<String> wsConnectUrls,
        boolean lameDuckMode,
        SubjectPermission importPermission,
        SubjectPermission exportPermission,
        boolean lnoc,
        String gatewayUrl,
        List<String> leafnodeUrls) {

    /** The route protocol level of nats-server 2.9. */
    public static final int ROUTE_PROTO = 2;

    public RouteServerInfo {
        connectUrls = connectUrls == null ? List.of() : List.copyOf(connectUrls);
        wsConnectUrls = wsConnectUrls == null ? List.of() : List.copyOf(wsConnectUrls);
        leafnodeUrls = leafnodeUrls == null ? List.of() : List.copyOf(leafnodeUrls);
    }

    /** A builder with version {@value ServerVersion#NATS_VERSION}, proto 2, headers on, max_payload 1 MiB. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values, e.g. to forward a peer's INFO in gossip with {@code ip} set, nonce cleared. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The JSON text, without the {@code INFO } keyword. */
    public String toJson() {
        JsonWriter w = JsonWriter.object()
                .field("server_id", orEmpty(serverId))
                .field("server_name", orEmpty(serverName))
                .field("version", orEmpty(version))
                .field("proto", proto)
                .fieldIfSet("git_commit", gitCommit);
        if (goVersion != null) {
            w.field("go", goVersion);
        }
        w.field("host", orEmpty(host))
                .field("port", port)
                .field("headers", headers)
                .fieldIfTrue("auth_required", authRequired)
                .fieldIfTrue("tls_required", tlsRequired)
                .fieldIfTrue("tls_verify", tlsVerify)
                .fieldIfTrue("tls_available", tlsAvailable)
                .field("max_payload", maxPayload)
                .fieldIfTrue("jetstream", jetStream)
                .fieldIfSet("ip", ip)
                .fieldIfSet("nonce", nonce)
                .fieldIfSet("cluster", cluster)
                .fieldIfTrue("cluster_dynamic", clusterDynamic)
                .fieldIfSet("domain", domain);
        if (!connectUrls.isEmpty()) {
            w.field("connect_urls", connectUrls);
        }
        if (!wsConnectUrls.isEmpty()) {
            w.field("ws_connect_urls", wsConnectUrls);
        }
        w.fieldIfTrue("ldm", lameDuckMode);
        if (importPermission != null) {
            w.rawField("import", importPermission.toJson());
        }
        if (exportPermission != null) {
            w.rawField("export", exportPermission.toJson());
        }
        w.fieldIfTrue("lnoc", lnoc)
                .fieldIfSet("gateway_url", gatewayUrl);
        if (!leafnodeUrls.isEmpty()) {
            w.field("leafnode_urls", leafnodeUrls);
        }
        return w.end();
    }

    /**
     * Reads a peer's route INFO JSON. Absent fields take Go's zero values (empty strings stay null, {@code proto}
     * and {@code port} 0); unknown fields (e.g. those of later versions) are ignored.
     *
     * @throws JsonException when the text is not a JSON object or a known field has the wrong type
     */
    public static RouteServerInfo parse(String json) {
        Map<String, Object> m = JsonReader.parseObject(json);
        return new RouteServerInfo(
                JsonFields.string(m, "server_id"),
                JsonFields.string(m, "server_name"),
                JsonFields.string(m, "version"),
                JsonFields.integer(m, "proto", 0),
                JsonFields.string(m, "git_commit"),
                JsonFields.string(m, "go"),
                JsonFields.string(m, "host"),
                JsonFields.integer(m, "port", 0),
                JsonFields.bool(m, "headers", false),
                JsonFields.bool(m, "auth_required", false),
                JsonFields.bool(m, "tls_required", false),
                JsonFields.bool(m, "tls_verify", false),
                JsonFields.bool(m, "tls_available", false),
                JsonFields.integer(m, "max_payload", 0),
                JsonFields.bool(m, "jetstream", false),
                JsonFields.string(m, "ip"),
                JsonFields.string(m, "nonce"),
                JsonFields.string(m, "cluster"),
                JsonFields.bool(m, "cluster_dynamic", false),
                JsonFields.string(m, "domain"),
                JsonFields.strings(m, "connect_urls"),
                JsonFields.strings(m, "ws_connect_urls"),
                JsonFields.bool(m, "ldm", false),
                SubjectPermission.from(JsonFields.object(m, "import")),
                SubjectPermission.from(JsonFields.object(m, "export")),
                JsonFields.bool(m, "lnoc", false),
                JsonFields.string(m, "gateway_url"),
                JsonFields.strings(m, "leafnode_urls"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Mutable, one use; setters return {@code this}. */
    public static final class Builder {
        private String serverId;
        private String serverName;
        private String version = ServerVersion.NATS_VERSION;
        private int proto = ROUTE_PROTO;
        private String gitCommit;
        private String goVersion;
        private String host;
        private int port;
        private boolean headers = true;
        private boolean authRequired;
        private boolean tlsRequired;
        private boolean tlsVerify;
        private boolean tlsAvailable;
        private int maxPayload = 1024 * 1024;
        private boolean jetStream;
        private String ip;
        private String nonce;
        private String cluster;
        private boolean clusterDynamic;
        private String domain;
        private List<String> connectUrls = List.of();
        private List<String> wsConnectUrls = List.of();
        private boolean lameDuckMode;
        private SubjectPermission importPermission;
        private SubjectPermission exportPermission;
        private boolean lnoc;
        private String gatewayUrl;
        private List<String> leafnodeUrls = List.of();

        private Builder() {
        }

        private Builder(RouteServerInfo i) {
            serverId = i.serverId;
            serverName = i.serverName;
            version = i.version;
            proto = i.proto;
            gitCommit = i.gitCommit;
            goVersion = i.goVersion;
            host = i.host;
            port = i.port;
            headers = i.headers;
            authRequired = i.authRequired;
            tlsRequired = i.tlsRequired;
            tlsVerify = i.tlsVerify;
            tlsAvailable = i.tlsAvailable;
            maxPayload = i.maxPayload;
            jetStream = i.jetStream;
            ip = i.ip;
            nonce = i.nonce;
            cluster = i.cluster;
            clusterDynamic = i.clusterDynamic;
            domain = i.domain;
            connectUrls = i.connectUrls;
            wsConnectUrls = i.wsConnectUrls;
            lameDuckMode = i.lameDuckMode;
            importPermission = i.importPermission;
            exportPermission = i.exportPermission;
            lnoc = i.lnoc;
            gatewayUrl = i.gatewayUrl;
            leafnodeUrls = i.leafnodeUrls;
        }

        public Builder serverId(String v) {
            serverId = v;
            return this;
        }

        public Builder serverName(String v) {
            serverName = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder proto(int v) {
            proto = v;
            return this;
        }

        public Builder gitCommit(String v) {
            gitCommit = v;
            return this;
        }

        public Builder goVersion(String v) {
            goVersion = v;
            return this;
        }

        /** The cluster listen (or advertised) host. */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** The cluster listen (or advertised) port. */
        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder headers(boolean v) {
            headers = v;
            return this;
        }

        public Builder authRequired(boolean v) {
            authRequired = v;
            return this;
        }

        public Builder tlsRequired(boolean v) {
            tlsRequired = v;
            return this;
        }

        public Builder tlsVerify(boolean v) {
            tlsVerify = v;
            return this;
        }

        public Builder tlsAvailable(boolean v) {
            tlsAvailable = v;
            return this;
        }

        public Builder maxPayload(int v) {
            maxPayload = v;
            return this;
        }

        public Builder jetStream(boolean v) {
            jetStream = v;
            return this;
        }

        public Builder ip(String v) {
            ip = v;
            return this;
        }

        public Builder nonce(String v) {
            nonce = v;
            return this;
        }

        public Builder cluster(String v) {
            cluster = v;
            return this;
        }

        public Builder clusterDynamic(boolean v) {
            clusterDynamic = v;
            return this;
        }

        public Builder domain(String v) {
            domain = v;
            return this;
        }

        public Builder connectUrls(List<String> v) {
            connectUrls = v;
            return this;
        }

        public Builder wsConnectUrls(List<String> v) {
            wsConnectUrls = v;
            return this;
        }

        public Builder lameDuckMode(boolean v) {
            lameDuckMode = v;
            return this;
        }

        public Builder importPermission(SubjectPermission v) {
            importPermission = v;
            return this;
        }

        public Builder exportPermission(SubjectPermission v) {
            exportPermission = v;
            return this;
        }

        /** Leave false on a natsboot node (see the class comment). */
        public Builder lnoc(boolean v) {
            lnoc = v;
            return this;
        }

        public Builder gatewayUrl(String v) {
            gatewayUrl = v;
            return this;
        }

        public Builder leafnodeUrls(List<String> v) {
            leafnodeUrls = v;
            return this;
        }

        public RouteServerInfo build() {
            return new RouteServerInfo(serverId, serverName, version, proto, gitCommit, goVersion, host, port,
                    headers, authRequired, tlsRequired, tlsVerify, tlsAvailable, maxPayload, jetStream, ip, nonce,
                    cluster, clusterDynamic, domain, connectUrls, wsConnectUrls, lameDuckMode, importPermission,
                    exportPermission, lnoc, gatewayUrl, leafnodeUrls);
        }
    }
}
