package io.natsboot.server.client;

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

    @Override
    public String toString() {
        return text;
    }
}
