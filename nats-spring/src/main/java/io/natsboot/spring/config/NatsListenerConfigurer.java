package io.natsboot.spring.config;

/** A bean that adjusts the registrar before the endpoints are registered: default factory, extra endpoints. */
@FunctionalInterface
public interface NatsListenerConfigurer {

    void configureNatsListeners(NatsListenerEndpointRegistrar registrar);
}
