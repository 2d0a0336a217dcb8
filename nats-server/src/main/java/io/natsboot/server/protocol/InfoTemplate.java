package io.natsboot.server.protocol;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.ServerVersion;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.json.JsonWriter;

import java.util.List;

/**
 * The client INFO of this server, in nats-server's field order; only {@code client_id} and {@code client_ip} differ
 * between connections. Immutable.
 */
public final class InfoTemplate {

    private final String serverId;
    private final String serverName;
    private final String host;
    private final int port;
    private final boolean headers;
    private final boolean authRequired;
    private final int maxPayload;
    private final boolean tlsRequired;
    private final boolean tlsVerify;
    private final boolean tlsAvailable;
    private final String cluster;
    private final List<String> connectUrls;
    private final boolean lameDuck;

    /**
     * @param clientAdvertise {@code host[:port]} announced instead of {@code host} and {@code boundPort} ({@code null}
     *                        or empty: none); without a port the bound port is announced
     * @param tlsConfigured   whether client TLS is set up; {@code tlsAllowNonTls} then turns "required" into
     *                        "available", as nats-server does
     */
    public InfoTemplate(String serverId, String serverName, String clientAdvertise, String host, int boundPort,
                        boolean headers, boolean authRequired, int maxPayload, boolean tlsConfigured,
                        boolean tlsVerify, boolean tlsAllowNonTls) {
        this.serverId = serverId;
        this.serverName = serverName;
        if (clientAdvertise != null && !clientAdvertise.isEmpty()) {
            int colon = clientAdvertise.lastIndexOf(':');
            boolean hasPort = colon > 0 && clientAdvertise.indexOf(']') < colon;
            this.host = hasPort ? clientAdvertise.substring(0, colon) : clientAdvertise;
            this.port = hasPort ? Integer.parseInt(clientAdvertise.substring(colon + 1)) : boundPort;
        } else {
            this.host = host;
            this.port = boundPort;
        }
        this.headers = headers;
        this.authRequired = authRequired;
        this.maxPayload = maxPayload;
        this.tlsRequired = tlsConfigured && !tlsAllowNonTls;
        this.tlsVerify = tlsConfigured && tlsVerify;
        this.tlsAvailable = tlsConfigured && tlsAllowNonTls;
        this.cluster = null;
        this.connectUrls = List.of();
        this.lameDuck = false;
    }

    private InfoTemplate(InfoTemplate base, String cluster, List<String> connectUrls, boolean lameDuck) {
        this.serverId = base.serverId;
        this.serverName = base.serverName;
        this.host = base.host;
        this.port = base.port;
        this.headers = base.headers;
        this.authRequired = base.authRequired;
        this.maxPayload = base.maxPayload;
        this.tlsRequired = base.tlsRequired;
        this.tlsVerify = base.tlsVerify;
        this.tlsAvailable = base.tlsAvailable;
        this.cluster = cluster;
        this.connectUrls = List.copyOf(connectUrls);
        this.lameDuck = lameDuck;
    }

    /** The same INFO for a clustered server: its cluster name and every client URL of the cluster. */
    public InfoTemplate withCluster(String cluster, List<String> connectUrls) {
        return new InfoTemplate(this, cluster, connectUrls, false);
    }

    /**
     * The INFO that tells clients this server is in lame duck mode ({@code "ldm":true}), listing only the other
     * servers' client URLs, so clients know where to go; sent once, as nats-server does.
     */
    public InfoTemplate withLameDuck(List<String> otherServersUrls) {
        return new InfoTemplate(this, cluster, otherServersUrls, true);
    }

    /** @param nonce this connection's nkey nonce, or {@code null} when no nkey users are configured */
    public String forClient(long clientId, String clientIp, String nonce) {
        return JsonWriter.object()
                .field("server_id", serverId)
                .field("server_name", serverName)
                .field("version", ServerVersion.NATS_VERSION)
                .field("proto", ServerVersion.CLIENT_PROTO)
                .field("host", host)
                .field("port", port)
                .field("headers", headers)
                .fieldIfTrue("auth_required", authRequired)
                .fieldIfTrue("tls_required", tlsRequired)
                .fieldIfTrue("tls_verify", tlsVerify)
                .fieldIfTrue("tls_available", tlsAvailable)
                .field("max_payload", maxPayload)
                .field("client_id", clientId)
                .fieldIfSet("client_ip", clientIp)
                .fieldIfSet("nonce", nonce)
                .fieldIfSet("cluster", cluster)
                .fieldIfNotEmpty("connect_urls", connectUrls)
                .fieldIfTrue("ldm", lameDuck)
                .end();
    }
}
