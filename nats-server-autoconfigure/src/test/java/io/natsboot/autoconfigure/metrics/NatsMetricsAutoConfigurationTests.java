package io.natsboot.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.boot.actuate.metrics.NatsServerMetrics;
import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NatsMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                NatsMetricsAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void metersMoveWithTraffic() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(NatsServerMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            EmbeddedNatsServer server = context.getBean(EmbeddedNatsServer.class);
            assertThat(gauge(registry, "nats.server.connections")).isZero();
            assertThat(gauge(registry, "nats.server.routes")).isZero();
            try (Connection connection = Nats.connect(server.getClientUrl())) {
                Subscription sub = connection.subscribe("metrics.test");
                connection.flush(Duration.ofSeconds(5));
                connection.publish("metrics.test", "hello".getBytes());
                assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(gauge(registry, "nats.server.connections")).isEqualTo(1);
                    assertThat(gauge(registry, "nats.server.subscriptions")).isGreaterThanOrEqualTo(1);
                    assertThat(counter(registry, "nats.server.messages", "in")).isGreaterThanOrEqualTo(1);
                    assertThat(counter(registry, "nats.server.messages", "out")).isGreaterThanOrEqualTo(1);
                    assertThat(counter(registry, "nats.server.bytes", "in")).isGreaterThanOrEqualTo(5);
                    assertThat(counter(registry, "nats.server.bytes", "out")).isGreaterThanOrEqualTo(5);
                });
            }
            assertThat(registry.get("nats.server.slow.consumers").functionCounter().count()).isZero();
            await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(gauge(registry, "nats.server.connections")).isZero());
        });
    }

    @Test
    void readingAStoppedNodeDoesNotStartIt() {
        this.contextRunner.run((context) -> {
            EmbeddedNatsServer server = context.getBean(EmbeddedNatsServer.class);
            server.stop();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(gauge(registry, "nats.server.connections")).isZero();
            assertThat(counter(registry, "nats.server.messages", "in")).isZero();
            assertThat(server.isRunning()).isFalse();
        });
    }

    @Test
    void backsOffWithoutMeterRegistry() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class,
                    NatsMetricsAutoConfiguration.class))
            .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NatsServerMetrics.class));
    }

    @Test
    void backsOffWithoutMicrometer() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class,
                    NatsMetricsAutoConfiguration.class))
            .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1")
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NatsServerMetrics.class));
    }

    @Test
    void backsOffWithoutEmbeddedNode() {
        this.contextRunner.withPropertyValues("nats.server.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(MeterRegistry.class)
                .doesNotHaveBean(NatsServerMetrics.class));
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double counter(MeterRegistry registry, String name, String direction) {
        return registry.get(name).tag("direction", direction).functionCounter().count();
    }

}
