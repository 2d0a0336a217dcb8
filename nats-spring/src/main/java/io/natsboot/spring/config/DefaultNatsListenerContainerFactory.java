package io.natsboot.spring.config;

import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.natsboot.spring.converter.DefaultNatsMessageConverter;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.DefaultNatsListenerContainer;
import io.natsboot.spring.listener.DefaultNatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerErrorHandler;

import org.springframework.util.Assert;

/**
 * Builds {@link DefaultNatsListenerContainer}s on one {@link Connection}, with one converter and error handler for
 * all of them. The usual bean name is {@value NatsListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME}.
 */
public class DefaultNatsListenerContainerFactory implements NatsListenerContainerFactory<DefaultNatsListenerContainer> {

    private Connection connection;

    private NatsMessageConverter messageConverter = new DefaultNatsMessageConverter();

    private NatsListenerErrorHandler errorHandler = new DefaultNatsListenerErrorHandler();

    private boolean autoStartup = true;

    private ObservationRegistry observationRegistry;

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

    @Override
    public DefaultNatsListenerContainer createListenerContainer(NatsListenerEndpoint endpoint) {
        Assert.state(connection != null, "No Connection set on the NatsListenerContainerFactory");
        DefaultNatsListenerContainer container = new DefaultNatsListenerContainer(endpoint.getId(), connection,
                endpoint.getSubject(), endpoint.getQueue(), endpoint.getConcurrency(),
                endpoint.createMessageListener(connection, messageConverter, errorHandler), errorHandler);
        container.setAutoStartup(endpoint.getAutoStartup() != null ? endpoint.getAutoStartup() : autoStartup);
        container.setObservationRegistry(observationRegistry);
        return container;
    }
}
