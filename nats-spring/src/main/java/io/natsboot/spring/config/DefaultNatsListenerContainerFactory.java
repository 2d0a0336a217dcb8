package io.natsboot.spring.config;

import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.natsboot.spring.converter.DefaultNatsMessageConverter;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.DeadLetterPublishingErrorHandler;
import io.natsboot.spring.listener.DefaultNatsListenerContainer;
import io.natsboot.spring.listener.DefaultNatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerRetry;

import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;

/**
 * Builds {@link DefaultNatsListenerContainer}s on one {@link Connection}, with one converter, error handler, retry
 * and task executor for all of them (an endpoint may bring its own retry and dead-letter subject). The usual bean name is {@value NatsListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME}.
 */
public class DefaultNatsListenerContainerFactory implements NatsListenerContainerFactory<DefaultNatsListenerContainer> {

    private Connection connection;

    private NatsMessageConverter messageConverter = new DefaultNatsMessageConverter();

    private NatsListenerErrorHandler errorHandler = new DefaultNatsListenerErrorHandler();

    private boolean autoStartup = true;

    private ObservationRegistry observationRegistry;

    private NatsListenerRetry retry = NatsListenerRetry.NONE;

    private TaskExecutor taskExecutor;

    public DefaultNatsListenerContainerFactory() {
    }

    public DefaultNatsListenerContainerFactory(Connection connection) {
        this.connection = connection;
    }

    public void setConnection(Connection connection) {
        this.connection = connection;
    }

    public Connection getConnection() {
        return connection;
    }

    public void setMessageConverter(NatsMessageConverter messageConverter) {
        Assert.notNull(messageConverter, "messageConverter must not be null");
        this.messageConverter = messageConverter;
    }

    public NatsMessageConverter getMessageConverter() {
        return messageConverter;
    }

    public void setErrorHandler(NatsListenerErrorHandler errorHandler) {
        Assert.notNull(errorHandler, "errorHandler must not be null");
        this.errorHandler = errorHandler;
    }

    public NatsListenerErrorHandler getErrorHandler() {
        return errorHandler;
    }

    /** Whether containers start with the context when their endpoint does not say (default {@code true}). */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    /** Observes every listener invocation of the containers built from now on ({@code null}: none). */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
    }

    public ObservationRegistry getObservationRegistry() {
        return observationRegistry;
    }

    /** Retries and dead-lettering for endpoints that bring none (default {@link NatsListenerRetry#NONE}). */
    public void setRetry(NatsListenerRetry retry) {
        Assert.notNull(retry, "retry must not be null");
        this.retry = retry;
    }

    public NatsListenerRetry getRetry() {
        return retry;
    }

    /**
     * Runs the containers' consumer tasks, one per unit of concurrency for as long as a container runs; a
     * {@code SimpleAsyncTaskExecutor} with virtual threads puts listeners on virtual threads ({@code null}, the
     * default: each container its own platform threads named after the listener).
     */
    public void setTaskExecutor(TaskExecutor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    public TaskExecutor getTaskExecutor() {
        return taskExecutor;
    }

    @Override
    public DefaultNatsListenerContainer createListenerContainer(NatsListenerEndpoint endpoint) {
        Assert.state(connection != null, "No Connection set on the NatsListenerContainerFactory");
        NatsListenerRetry endpointRetry = endpoint.getRetry() != null ? endpoint.getRetry() : retry;
        NatsListenerErrorHandler handler = errorHandler;
        if (endpointRetry.isDeadLetter() || endpoint.getDeadLetterSubject() != null) {
            handler = new DeadLetterPublishingErrorHandler(errorHandler, endpoint.getDeadLetterSubject(),
                    endpointRetry.getDeadLetterSuffix());
        }
        DefaultNatsListenerContainer container = new DefaultNatsListenerContainer(endpoint.getId(), connection,
                endpoint.getSubject(), endpoint.getQueue(), endpoint.getConcurrency(),
                endpoint.createMessageListener(connection, messageConverter, handler), handler);
        container.setAutoStartup(endpoint.getAutoStartup() != null ? endpoint.getAutoStartup() : autoStartup);
        container.setObservationRegistry(observationRegistry);
        container.setRetry(endpointRetry);
        container.setTaskExecutor(taskExecutor);
        return container;
    }
}
