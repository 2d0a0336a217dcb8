package io.natsboot.autoconfigure.endpoint;

import io.nats.client.Connection;
import io.natsboot.autoconfigure.NatsClientAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.boot.actuate.endpoint.ClientDescriptors;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.server.EmbeddedNatsServer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.util.ClassUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link NatsEndpoint}, when there is an embedded node or an application connection (whose state it then shows, also
 * while it is disconnected).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class })
@ConditionalOnClass({ org.springframework.boot.actuate.endpoint.annotation.Endpoint.class,
        ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(NatsEndpoint.class)
@Conditional(NatsEndpointAutoConfiguration.OnNatsServerOrConnection.class)
public final class NatsEndpointAutoConfiguration {

    private static final boolean JNATS_PRESENT = ClassUtils.isPresent("io.nats.client.Connection",
            NatsEndpointAutoConfiguration.class.getClassLoader());

    NatsEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    NatsEndpoint natsEndpoint(ObjectProvider<EmbeddedNatsServer> server, ListableBeanFactory beanFactory) {
        return new NatsEndpoint(server.getIfUnique(), JNATS_PRESENT ? ClientState.of(beanFactory) : () -> null);
    }

    /** Keeps jnats types out of the configuration class, which must load without them. */
    private static final class ClientState {

        static java.util.function.Supplier<NatsEndpoint.ClientDescriptor> of(ListableBeanFactory beanFactory) {
            ObjectProvider<Connection> connection = beanFactory.getBeanProvider(Connection.class);
            return () -> {
                Connection unique = connection.getIfUnique();
                return (unique != null) ? ClientDescriptors.of(unique) : null;
            };
        }

    }

    static final class OnNatsServerOrConnection extends AnyNestedCondition {

        OnNatsServerOrConnection() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(EmbeddedNatsServer.class)
        static final class HasServer {

        }

        @ConditionalOnBean(type = "io.nats.client.Connection")
        static final class HasConnection {

        }

    }

}
