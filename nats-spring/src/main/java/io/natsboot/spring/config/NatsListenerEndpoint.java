package io.natsboot.spring.config;

import io.nats.client.Connection;
import io.natsboot.spring.converter.NatsMessageConverter;
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

    /** The listener to call per message, sending replies through the connection and converter given. */
    NatsMessageListener createMessageListener(Connection connection, NatsMessageConverter converter);
}
