package io.natsboot.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerRetry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskExecutor;

/**
 * Applies the auto-configured settings (converter, error handler, observation registry, retry and, on virtual
 * threads, the task executor) to a {@link DefaultNatsListenerContainerFactory}: the auto-configured one, or one more
 * that the application declares ({@code configurer.configure(factory, connection)}), as Spring Boot's
 * {@code ConcurrentKafkaListenerContainerFactoryConfigurer} does for Kafka.
 *
 * @since 0.1.0
 */
public final class NatsListenerContainerFactoryConfigurer {

    private @Nullable NatsMessageConverter messageConverter;

    private @Nullable NatsListenerErrorHandler errorHandler;

    private @Nullable ObservationRegistry observationRegistry;

    private NatsListenerRetry retry = NatsListenerRetry.NONE;

    private @Nullable TaskExecutor taskExecutor;

    void setMessageConverter(@Nullable NatsMessageConverter messageConverter) {
        this.messageConverter = messageConverter;
    }

    void setErrorHandler(@Nullable NatsListenerErrorHandler errorHandler) {
        this.errorHandler = errorHandler;
    }

    void setObservationRegistry(@Nullable ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
    }

    void setRetry(NatsListenerRetry retry) {
        this.retry = retry;
    }

    void setTaskExecutor(@Nullable TaskExecutor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    /** The executor of the listeners' consumer tasks: virtual threads, or {@code null} for platform threads. */
    public @Nullable TaskExecutor getTaskExecutor() {
        return this.taskExecutor;
    }

    public NatsListenerRetry getRetry() {
        return this.retry;
    }

    /** Sets the connection and every auto-configured setting on the factory. */
    public void configure(DefaultNatsListenerContainerFactory factory, Connection connection) {
        factory.setConnection(connection);
        if (this.messageConverter != null) {
            factory.setMessageConverter(this.messageConverter);
        }
        if (this.errorHandler != null) {
            factory.setErrorHandler(this.errorHandler);
        }
        factory.setObservationRegistry(this.observationRegistry);
        factory.setRetry(this.retry);
        factory.setTaskExecutor(this.taskExecutor);
    }

}
