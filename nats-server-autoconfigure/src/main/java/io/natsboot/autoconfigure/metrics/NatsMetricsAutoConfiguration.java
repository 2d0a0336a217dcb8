package io.natsboot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.boot.actuate.metrics.NatsServerMetrics;
import io.natsboot.boot.server.EmbeddedNatsServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the embedded node's
 * Micrometer meters ({@link NatsServerMetrics}), when there is a {@link MeterRegistry} and an
 * {@link EmbeddedNatsServer}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NatsServerAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, EmbeddedNatsServer.class, io.natsboot.server.NatsServer.class })
@ConditionalOnBean({ MeterRegistry.class, EmbeddedNatsServer.class })
public final class NatsMetricsAutoConfiguration {

    NatsMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    NatsServerMetrics natsServerMetrics(EmbeddedNatsServer server) {
        return new NatsServerMetrics(server);
    }

}
