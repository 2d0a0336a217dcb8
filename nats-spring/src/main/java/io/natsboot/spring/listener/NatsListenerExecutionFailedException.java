package io.natsboot.spring.listener;

/** A listener failed on a message; the cause is what the listener (or argument conversion) threw. */
public class NatsListenerExecutionFailedException extends RuntimeException {

    private final String listenerId;

    public NatsListenerExecutionFailedException(String listenerId, String message, Throwable cause) {
        super(message, cause);
        this.listenerId = listenerId;
    }

    public String getListenerId() {
        return listenerId;
    }
}
