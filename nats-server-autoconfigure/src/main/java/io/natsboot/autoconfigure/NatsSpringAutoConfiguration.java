package io.natsboot.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.natsboot.boot.client.NatsConnectionLifecycle;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.spring.annotation.EnableNats;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.config.NatsListenerConfigUtils;
import io.natsboot.spring.converter.DefaultNatsMessageConverter;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the nats-spring
 * programming model on the application's jnats {@link Connection}: a {@link NatsMessageConverter}, a
 * {@link NatsTemplate}, the default {@code @NatsListener} container factory
 * ({@value NatsListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME}) and {@link EnableNats @EnableNats} unless
 * the application turned it on itself. Listener containers run in {@code SmartLifecycle.DEFAULT_PHASE}, after the
 * embedded node ({@link EmbeddedNatsServer#PHASE}) and the connection ({@link NatsConnectionLifecycle#PHASE}) and
 * stopped before them. With an {@link ObservationRegistry} bean, the template and the listener containers are
 * observed.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NatsClientAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(NatsTemplate.class)
@ConditionalOnBean(Connection.class)
public final class NatsSpringAutoConfiguration {

    NatsSpringAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(NatsMessageConverter.class)
    DefaultNatsMessageConverter natsMessageConverter(ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper mapper = jsonMapper.getIfUnique();
        return (mapper != null) ? new DefaultNatsMessageConverter(mapper) : new DefaultNatsMessageConverter();
    }

    @Bean
    @ConditionalOnMissingBean(NatsTemplate.class)
    NatsTemplate natsTemplate(Connection natsConnection, NatsMessageConverter natsMessageConverter,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        NatsTemplate template = new NatsTemplate(natsConnection, natsMessageConverter);
        observationRegistry.ifUnique(template::setObservationRegistry);
        return template;
    }

    @Bean(name = NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
    @ConditionalOnMissingBean(name = NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
    DefaultNatsListenerContainerFactory natsListenerContainerFactory(Connection natsConnection,
            NatsMessageConverter natsMessageConverter, ObjectProvider<NatsListenerErrorHandler> errorHandler,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        DefaultNatsListenerContainerFactory factory = new DefaultNatsListenerContainerFactory(natsConnection);
        factory.setMessageConverter(natsMessageConverter);
        errorHandler.ifUnique(factory::setErrorHandler);
        observationRegistry.ifUnique(factory::setObservationRegistry);
        return factory;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    @ConditionalOnMissingBean(name = NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
    static class EnableNatsConfiguration {

    }

}
