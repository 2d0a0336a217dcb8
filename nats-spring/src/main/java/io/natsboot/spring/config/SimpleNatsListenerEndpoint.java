package io.natsboot.spring.config;

import io.nats.client.Connection;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsMessageListener;

/** An endpoint for a listener written by hand, registered through a {@link NatsListenerConfigurer}. */
public class SimpleNatsListenerEndpoint extends AbstractNatsListenerEndpoint {

    private NatsMessageListener messageListener;

    public void setMessageListener(NatsMessageListener messageListener) {
        this.messageListener = messageListener;
    }

    @Override
    public NatsMessageListener createMessageListener(Connection connection, NatsMessageConverter converter,
            NatsListenerErrorHandler errorHandler) {
        return messageListener;
    }
}
