package io.natsboot.server.client;

import io.natsboot.server.protocol.ProtocolError;

/** Why a client connection ended, worded as nats-server's {@code /connz?state=closed} reports it. */
public enum ClosedReason {
    CLIENT_CLOSED("Client Closed"),
    SERVER_SHUTDOWN("Server Shutdown"),
    SLOW_CONSUMER_PENDING_BYTES("Slow Consumer (Pending Bytes)"),
    SLOW_CONSUMER_WRITE_DEADLINE("Slow Consumer (Write Deadline)"),
    STALE_CONNECTION("Stale Connection"),
    PARSE_ERROR("Parse Error"),
    PROTOCOL_VIOLATION("Protocol Violation"),
    MAX_PAYLOAD_EXCEEDED("Maximum Message Payload Exceeded"),
    MAX_CONTROL_LINE_EXCEEDED("Maximum Control Line Exceeded"),
    MAX_CONNECTIONS_EXCEEDED("Maximum Connections Exceeded"),
    AUTHENTICATION_TIMEOUT("Authentication Timeout"),
    AUTHENTICATION_VIOLATION("Authentication Failure"),
    TLS_HANDSHAKE_ERROR("TLS Handshake Failure"),
    READ_ERROR("Read Error");

    private final String text;

    ClosedReason(String text) {
        this.text = text;
    }

    /**
     * The reason nats-server 2.9 gives in /connz when the decoder fails: its parser failing is a protocol violation,
     * while a client's -ERR is recorded as a parse error.
     */
    public static ClosedReason of(ProtocolError error) {
        return switch (error) {
            case MAX_PAYLOAD -> MAX_PAYLOAD_EXCEEDED;
            case MAX_CONTROL_LINE -> MAX_CONTROL_LINE_EXCEEDED;
            case PEER_ERROR -> PARSE_ERROR;
            default -> PROTOCOL_VIOLATION;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
