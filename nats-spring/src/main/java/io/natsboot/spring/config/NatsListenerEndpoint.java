package io.natsboot.spring.config;

import io.nats.client.Connection;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerRetry;
import io.natsboot.spring.listener.NatsMessageListener;

/** What to consume and how: all a container factory needs to build a container. */
public interface NatsListenerEndpoint {

    String getId();

    String getSubject();

    /** The queue group, or {@code null}. */
    String getQueue();

    int getConcurrency();

    /** {@code null} to take the container factory's setting. */
    Boolean getAutoStartup();

    /** This endpoint's retry, or {@code null} to take the container factory's. */
    default NatsListenerRetry getRetry() {
        return null;
    }

    /** The dead-letter subject of this endpoint (turns dead-lettering on), or {@code null} for the retry's rule. */
    default String getDeadLetterSubject() {
        return null;
    }

    /**
     * The listener to call per message, sending replies through the connection and converter given; the error
     * handler is for failures the listener sees after it returned (an asynchronous result that fails).
     */
    NatsMessageListener createMessageListener(Connection connection, NatsMessageConverter converter,
            NatsListenerErrorHandler errorHandler);
}
