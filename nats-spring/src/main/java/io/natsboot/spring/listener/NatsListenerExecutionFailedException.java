package io.natsboot.spring.listener;

/**
 * A listener failed on a message; the cause is what the listener (or argument conversion) threw, on the last of
 * {@link #getAttempts()} attempts.
 */
public class NatsListenerExecutionFailedException extends RuntimeException {

    private final String listenerId;

    private final int attempts;

    public NatsListenerExecutionFailedException(String listenerId, String message, Throwable cause) {
        this(listenerId, message, cause, 1);
    }

    public NatsListenerExecutionFailedException(String listenerId, String message, Throwable cause, int attempts) {
        super(message, cause);
        this.listenerId = listenerId;
        this.attempts = attempts;
    }

    public String getListenerId() {
        return listenerId;
    }

    /** How many times the listener was called with the message (1 without retries). */
    public int getAttempts() {
        return attempts;
    }
}
