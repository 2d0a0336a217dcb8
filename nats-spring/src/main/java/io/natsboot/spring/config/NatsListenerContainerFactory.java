package io.natsboot.spring.config;

import io.natsboot.spring.listener.NatsListenerContainer;

/** Builds the container of an endpoint. */
@FunctionalInterface
public interface NatsListenerContainerFactory<C extends NatsListenerContainer> {

    C createListenerContainer(NatsListenerEndpoint endpoint);
}
