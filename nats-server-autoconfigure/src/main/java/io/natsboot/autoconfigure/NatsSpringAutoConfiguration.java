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
import io.natsboot.spring.listener.NatsListenerRetry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the nats-spring
 * programming model on the application's jnats {@link Connection}: a {@link NatsMessageConverter}, a
 * {@link NatsTemplate}, the default {@code @NatsListener} container factory
 * ({@value NatsListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME}) and {@link EnableNats @EnableNats} unless
 * the application turned it on itself. Listener containers run in {@code SmartLifecycle.DEFAULT_PHASE}, after the
 * embedded node ({@link EmbeddedNatsServer#PHASE}) and the connection ({@link NatsConnectionLifecycle#PHASE}) and
 * stopped before them. With an {@link ObservationRegistry} bean, the template and the listener containers are
 * observed. Listeners retry and dead-letter as {@code nats.listener.*} says (or a unique {@link NatsListenerRetry}
 * bean); with {@code spring.threads.virtual.enabled=true} on Java 21+ they run on virtual threads.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NatsClientAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(NatsTemplate.class)
@ConditionalOnBean(Connection.class)
@EnableConfigurationProperties(NatsListenerProperties.class)
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

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnThreading(Threading.PLATFORM)
    NatsListenerContainerFactoryConfigurer natsListenerContainerFactoryConfigurer(
            NatsMessageConverter natsMessageConverter, ObjectProvider<NatsListenerErrorHandler> errorHandler,
            ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<NatsListenerRetry> retry,
            NatsListenerProperties properties) {
        return configurer(natsMessageConverter, errorHandler, observationRegistry, retry, properties);
    }

    @Bean(name = "natsListenerContainerFactoryConfigurer")
    @ConditionalOnMissingBean
    @ConditionalOnThreading(Threading.VIRTUAL)
    NatsListenerContainerFactoryConfigurer natsListenerContainerFactoryConfigurerVirtualThreads(
            NatsMessageConverter natsMessageConverter, ObjectProvider<NatsListenerErrorHandler> errorHandler,
            ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<NatsListenerRetry> retry,
            NatsListenerProperties properties) {
        NatsListenerContainerFactoryConfigurer configurer = configurer(natsMessageConverter, errorHandler,
                observationRegistry, retry, properties);
        // not a bean: an Executor bean would keep Boot from defining its applicationTaskExecutor
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("nats-listener-");
        executor.setVirtualThreads(true);
        configurer.setTaskExecutor(executor);
        return configurer;
    }

    private static NatsListenerContainerFactoryConfigurer configurer(NatsMessageConverter natsMessageConverter,
            ObjectProvider<NatsListenerErrorHandler> errorHandler, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<NatsListenerRetry> retry, NatsListenerProperties properties) {
        NatsListenerContainerFactoryConfigurer configurer = new NatsListenerContainerFactoryConfigurer();
        configurer.setMessageConverter(natsMessageConverter);
        configurer.setErrorHandler(errorHandler.getIfUnique());
        configurer.setObservationRegistry(observationRegistry.getIfUnique());
        NatsListenerRetry userRetry = retry.getIfUnique();
        configurer.setRetry(userRetry != null ? userRetry : properties.toListenerRetry());
        return configurer;
    }

    @Bean(name = NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
    @ConditionalOnMissingBean(name = NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
    DefaultNatsListenerContainerFactory natsListenerContainerFactory(Connection natsConnection,
            NatsListenerContainerFactoryConfigurer configurer) {
        DefaultNatsListenerContainerFactory factory = new DefaultNatsListenerContainerFactory();
        configurer.configure(factory, natsConnection);
        return factory;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    @ConditionalOnMissingBean(name = NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
    static class EnableNatsConfiguration {

    }

}
