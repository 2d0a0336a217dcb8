package io.natsboot.server;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.ServerVersion;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.json.JsonWriter;

import java.util.List;

/**
 * The client INFO of this server, in nats-server's field order; only {@code client_id} and {@code client_ip} differ
 * between connections. Immutable.
 */
final class InfoTemplate {

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

    InfoTemplate(String serverId, String serverName, ServerOptions options, int boundPort, boolean authRequired) {
        this.serverId = serverId;
        this.serverName = serverName;
        String advertise = options.getClientAdvertise();
        if (advertise != null && !advertise.isEmpty()) {
            int colon = advertise.lastIndexOf(':');
            boolean hasPort = colon > 0 && advertise.indexOf(']') < colon;
            this.host = hasPort ? advertise.substring(0, colon) : advertise;
            this.port = hasPort ? Integer.parseInt(advertise.substring(colon + 1)) : boundPort;
        } else {
            this.host = options.getHost();
            this.port = boundPort;
        }
        this.headers = !options.isNoHeaderSupport();
        this.authRequired = authRequired;
        this.maxPayload = options.getMaxPayload();
        TlsOptions tls = options.getTls();
        // allow_non_tls turns "required" into "available", as nats-server does
        this.tlsRequired = tls.isConfigured() && !tls.isAllowNonTls();
        this.tlsVerify = tls.isConfigured() && tls.isVerify();
        this.tlsAvailable = tls.isConfigured() && tls.isAllowNonTls();
        this.cluster = null;
        this.connectUrls = List.of();
    }

    private InfoTemplate(InfoTemplate base, String cluster, List<String> connectUrls) {
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
    }

    /** The same INFO for a clustered server: its cluster name and every client URL of the cluster. */
    InfoTemplate withCluster(String cluster, List<String> connectUrls) {
        return new InfoTemplate(this, cluster, connectUrls);
    }

    /** @param nonce this connection's nkey nonce, or {@code null} when no nkey users are configured */
    String forClient(long clientId, String clientIp, String nonce) {
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
                .end();
    }
}
