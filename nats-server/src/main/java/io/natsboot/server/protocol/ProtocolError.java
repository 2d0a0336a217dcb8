package io.natsboot.server.protocol;

/**
 * Why a decoder gave up on a connection, with the {@code -ERR} text nats-server 2.9 sends for it ({@code null}: the
 * connection is closed without one, as nats-server does for malformed arguments).
 */
public enum ProtocolError {
    UNKNOWN_OPERATION(ErrorTexts.UNKNOWN_PROTOCOL_OPERATION),
    MAX_CONTROL_LINE(ErrorTexts.MAX_CONTROL_LINE),
    MAX_PAYLOAD(ErrorTexts.MAX_PAYLOAD),
    /** Wrong argument count, a size that is not a number, HPUB sizes that disagree or HPUB without headers. */
    BAD_ARGUMENTS(null),
    /** The peer sent {@code -ERR}: nothing is answered, the connection is closed. */
    PEER_ERROR(null);

    private final String errText;

    ProtocolError(String errText) {
        this.errText = errText;
    }

    /** The text of the {@code -ERR} to send before closing, or {@code null} to close silently. */
    public String errText() {
        return errText;
    }
}
