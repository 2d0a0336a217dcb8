package io.natsboot.autoconfigure.endpoint;

import io.natsboot.autoconfigure.EmbeddedNatsServer;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link NatsEndpoint}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NatsServerAutoConfiguration.class)
@ConditionalOnClass({ org.springframework.boot.actuate.endpoint.annotation.Endpoint.class,
        ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(NatsEndpoint.class)
@ConditionalOnBean(EmbeddedNatsServer.class)
public final class NatsEndpointAutoConfiguration {

    NatsEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    NatsEndpoint natsEndpoint(EmbeddedNatsServer server) {
        return new NatsEndpoint(server);
    }

}
