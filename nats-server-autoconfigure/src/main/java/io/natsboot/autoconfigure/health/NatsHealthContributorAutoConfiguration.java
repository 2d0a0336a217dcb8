package io.natsboot.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.nats.client.Connection;
import io.natsboot.autoconfigure.NatsClientAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerProperties;
import io.natsboot.boot.actuate.health.NatsClientHealthIndicator;
import io.natsboot.boot.actuate.health.NatsClusterHealthIndicator;
import io.natsboot.boot.actuate.health.NatsServerHealthIndicator;
import io.natsboot.boot.server.EmbeddedNatsServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.util.ClassUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the {@code nats}
 * health contributor: {@code server}, {@code cluster} (when clustered) and {@code client}, each when present.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class })
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnEnabledHealthIndicator("nats")
@Conditional(NatsHealthContributorAutoConfiguration.OnNatsServerOrConnection.class)
public final class NatsHealthContributorAutoConfiguration {

    private static final boolean JNATS_PRESENT = ClassUtils.isPresent("io.nats.client.Connection",
            NatsHealthContributorAutoConfiguration.class.getClassLoader());

    NatsHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "natsHealthContributor")
    HealthContributor natsHealthContributor(ObjectProvider<EmbeddedNatsServer> server,
            ObjectProvider<NatsServerProperties> serverProperties,
            org.springframework.beans.factory.ListableBeanFactory beanFactory) {
        Map<String, HealthContributor> contributors = new LinkedHashMap<>();
        EmbeddedNatsServer embedded = server.getIfUnique();
        if (embedded != null) {
            contributors.put("server", new NatsServerHealthIndicator(embedded));
            if (embedded.getOptions().getCluster().isConfigured()) {
                NatsServerProperties properties = serverProperties.getIfAvailable();
                int minRoutes = (properties != null) ? properties.getCluster().getMinRoutes() : 0;
                contributors.put("cluster", new NatsClusterHealthIndicator(embedded, minRoutes));
            }
        }
        if (JNATS_PRESENT) {
            ClientContributor.add(contributors, beanFactory);
        }
        return CompositeHealthContributor.fromMap(contributors);
    }

    /** Keeps jnats types out of the configuration class, which must load without them. */
    private static final class ClientContributor {

        static void add(Map<String, HealthContributor> contributors,
                org.springframework.beans.factory.ListableBeanFactory beanFactory) {
            beanFactory.getBeanProvider(Connection.class)
                .ifUnique((connection) -> contributors.put("client", new NatsClientHealthIndicator(connection)));
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
