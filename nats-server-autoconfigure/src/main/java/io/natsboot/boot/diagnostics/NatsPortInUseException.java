package io.natsboot.boot.diagnostics;

/**
 * Thrown when a listener of the embedded NATS server cannot bind because its port is in use.
 *
 * @since 0.1.0
 */
public class NatsPortInUseException extends RuntimeException {

    private final String property;

    private final int port;

    /**
     * Creates an exception for one port.
     * @param property the property that sets the port
     * @param port the port that is in use
     * @param cause the bind failure
     */
    public NatsPortInUseException(String property, int port, Throwable cause) {
        super("NATS server port " + port + " (" + property + ") is already in use", cause);
        this.property = property;
        this.port = port;
    }

    /**
     * Property that sets the port.
     * @return the property name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * Port that is in use.
     * @return the port
     */
    public int getPort() {
        return this.port;
    }

}
