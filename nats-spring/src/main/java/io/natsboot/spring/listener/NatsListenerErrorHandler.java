package io.natsboot.spring.listener;

import io.nats.client.Connection;
import io.nats.client.Message;

/**
 * Called when a listener fails on a message. The subscription stays up whatever happens here; an exception thrown
 * by the handler itself is logged and dropped.
 */
@FunctionalInterface
public interface NatsListenerErrorHandler {

    /**
     * @param message the message being handled
     * @param error the failure, usually a {@link NatsListenerExecutionFailedException} whose cause is the listener's
     * @param connection the connection the message came on, to reply through
     */
    void handleError(Message message, NatsListenerExecutionFailedException error, Connection connection);
}
