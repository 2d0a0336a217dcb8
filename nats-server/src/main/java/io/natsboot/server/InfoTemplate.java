package io.natsboot.server;

import io.natsboot.server.json.JsonWriter;

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
    private final int maxPayload;

    InfoTemplate(String serverId, String serverName, ServerOptions options, int boundPort) {
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
        this.maxPayload = options.getMaxPayload();
    }

    String forClient(long clientId, String clientIp) {
        return JsonWriter.object()
                .field("server_id", serverId)
                .field("server_name", serverName)
                .field("version", ServerVersion.NATS_VERSION)
                .field("proto", ServerVersion.CLIENT_PROTO)
                .field("host", host)
                .field("port", port)
                .field("headers", headers)
                .field("max_payload", maxPayload)
                .field("client_id", clientId)
                .fieldIfSet("client_ip", clientIp)
                .end();
    }
}
