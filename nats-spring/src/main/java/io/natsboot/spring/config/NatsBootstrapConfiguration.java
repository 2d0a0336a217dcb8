package io.natsboot.spring.config;

import io.natsboot.spring.annotation.NatsListenerAnnotationBeanPostProcessor;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Imported by {@code @EnableNats}: registers the annotation post-processor and the endpoint registry under the
 * names in {@link NatsListenerConfigUtils}, unless beans of those names exist already.
 */
public class NatsBootstrapConfiguration implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        register(registry, NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME,
                NatsListenerAnnotationBeanPostProcessor.class);
        register(registry, NatsListenerConfigUtils.NATS_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
                NatsListenerEndpointRegistry.class);
    }

    private static void register(BeanDefinitionRegistry registry, String name, Class<?> type) {
        if (!registry.containsBeanDefinition(name)) {
            RootBeanDefinition definition = new RootBeanDefinition(type);
            definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(name, definition);
        }
    }
}
