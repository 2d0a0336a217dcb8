package io.natsboot.spring.core;

import io.nats.client.Connection;

/**
 * A request (or a publish that jnats would not buffer) was refused at once because the connection is not connected;
 * it names the connection's status instead of waiting for a reply that cannot come.
 */
public class NatsNotConnectedException extends NatsRequestException {

    private final Connection.Status status;

    public NatsNotConnectedException(String operation, String subject, Connection.Status status) {
        super("Not connected to NATS (connection status " + status + "): cannot " + operation + " on '" + subject
                + "'", null);
        this.status = status;
    }

    /** The status of the connection when the call was refused. */
    public Connection.Status getStatus() {
        return status;
    }
}
