package io.natsboot.spring.config;

/** Bean names of the infrastructure that {@code @EnableNats} registers. */
public final class NatsListenerConfigUtils {

    public static final String NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME =
            "io.natsboot.spring.config.internalNatsListenerAnnotationProcessor";

    public static final String NATS_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME =
            "io.natsboot.spring.config.internalNatsListenerEndpointRegistry";

    /** The container factory a listener uses unless it names another. */
    public static final String DEFAULT_CONTAINER_FACTORY_BEAN_NAME = "natsListenerContainerFactory";

    private NatsListenerConfigUtils() {
    }
}
