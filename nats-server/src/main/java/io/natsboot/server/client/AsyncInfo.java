package io.natsboot.server.client;

import io.natsboot.server.connection.Outbound;
import io.natsboot.server.protocol.ProtocolEncoder;

/**
 * The INFO one client was sent: on accept, then again whenever the server's INFO for it changes (the cluster's
 * client URLs), to clients that take asynchronous INFO ({@code protocol} 1) once they have had their first PONG.
 * Event loop only.
 */
final class AsyncInfo {

    private final ClientConnection connection;
    private final ClientServices services;
    private final Outbound outbound;
    private String lastInfo;
    private boolean firstPongSent;

    AsyncInfo(ClientConnection connection, ClientServices services, Outbound outbound) {
        this.connection = connection;
        this.services = services;
        this.outbound = outbound;
    }

    /** The INFO on accept. */
    void sendFirst() {
        lastInfo = services.infoJson(connection);
        outbound.writeControl(ProtocolEncoder.info(lastInfo));
    }

    /** A PONG went out: after the first one, the client hears of what changed since the INFO on accept. */
    void pongSent() {
        if (!firstPongSent) {
            firstPongSent = true;
            sendIfChanged();
        }
    }

    /** Sends the current INFO if it differs from what this client last got and it can take it. */
    void sendIfChanged() {
        sendIfChanged(services.infoJson(connection));
    }

    /** Sends {@code json} if it differs from what this client last got and it can take it. */
    void sendIfChanged(String json) {
        if (!firstPongSent || connection.connectOptions().protocol() < 1 || connection.isClosed()) {
            return;
        }
        if (!json.equals(lastInfo)) {
            lastInfo = json;
            outbound.writeControl(ProtocolEncoder.info(json));
        }
    }
}
