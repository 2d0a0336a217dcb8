package io.natsboot.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.natsboot.autoconfigure.NatsClientAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.autoconfigure.NatsSpringAutoConfiguration;
import io.natsboot.spring.annotation.NatsListener;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.observation.NatsObservations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NatsObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsSpringAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void templateAndListenersAreObservedWithTheObservationRegistry() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
            .withBean(RecordingHandler.class)
            .withBean(Listener.class)
            .run((context) -> {
                ObservationRegistry registry = context.getBean(ObservationRegistry.class);
                NatsTemplate template = context.getBean(NatsTemplate.class);
                assertThat(template.getObservationRegistry()).isSameAs(registry);
                assertThat(context.getBean(DefaultNatsListenerContainerFactory.class).getObservationRegistry())
                    .isSameAs(registry);
                template.publish("obs.auto", "hi");
                RecordingHandler handler = context.getBean(RecordingHandler.class);
                await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(handler.names).contains(NatsObservations.PUBLISH,
                            NatsObservations.RECEIVE));
                assertThat(context.getBean(Listener.class).received).containsExactly("hi");
            });
    }

    @Test
    void withoutARegistryNothingIsObserved() {
        this.contextRunner.run((context) -> {
            assertThat(context.getBean(NatsTemplate.class).getObservationRegistry().isNoop()).isTrue();
            assertThat(context.getBean(DefaultNatsListenerContainerFactory.class).getObservationRegistry()).isNull();
        });
    }

    static class RecordingHandler implements ObservationHandler<Observation.Context> {

        final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            this.names.add(context.getName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

    }

    static class Listener {

        final List<String> received = new CopyOnWriteArrayList<>();

        @NatsListener(subject = "obs.auto")
        void on(String payload) {
            this.received.add(payload);
        }

    }

}
