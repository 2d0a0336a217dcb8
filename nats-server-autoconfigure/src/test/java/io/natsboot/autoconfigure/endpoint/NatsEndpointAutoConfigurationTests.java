package io.natsboot.autoconfigure.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.natsboot.autoconfigure.NatsClientAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class NatsEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsEndpointAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void endpointDescribesTheNode() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=nats", "nats.server.name=solo",
                    "nats.server.monitoring-port=0")
            .run((context) -> {
                Connection connection = context.getBean(Connection.class);
                io.nats.client.Subscription sub = connection.subscribe("a");
                connection.publish("a", "hi".getBytes(StandardCharsets.UTF_8));
                assertThat(sub.nextMessage(Duration.ofSeconds(2))).isNotNull(); // else drain waits for it
                EmbeddedNatsServer server = context.getBean(EmbeddedNatsServer.class);
                NatsEndpoint.NodeDescriptor node = context.getBean(NatsEndpoint.class).nats();
                assertThat(node.serverId()).isEqualTo(server.getServer().serverId());
                assertThat(node.serverName()).isEqualTo("solo");
                assertThat(node.version()).isNotBlank();
                assertThat(node.port()).isEqualTo(server.getServer().port());
                assertThat(node.monitoringPort()).isEqualTo(
                        context.getEnvironment().getProperty("local.nats.server.monitoring-port", Integer.class));
                assertThat(node.clusterPort()).isNull();
                assertThat(node.cluster()).isNull();
                assertThat(node.connections()).isEqualTo(1);
                assertThat(node.subscriptions()).isEqualTo(1);
                assertThat(node.inMsgs()).isEqualTo(1);
                assertThat(node.inBytes()).isEqualTo(2);
                assertThat(node.uptime()).isNotBlank();
                assertThat(node.client()).isNotNull();
                assertThat(node.client().transport()).isEqualTo("in-process");
                assertThat(node.client().connectedUrl()).startsWith("nats://solo.in-process.invalid");
            });
    }

    @Test
    void notExposedMeansNoEndpoint() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(NatsEndpoint.class));
    }

    @Test
    void noEmbeddedServerMeansNoEndpoint() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=nats", "nats.server.enabled=false")
            .withClassLoader(new FilteredClassLoader(Connection.class))
            .run((context) -> assertThat(context).doesNotHaveBean(NatsEndpoint.class));
    }

    @Test
    void withoutActuatorMeansNoEndpoint() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=nats")
            .withClassLoader(new FilteredClassLoader(Endpoint.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NatsEndpoint.class));
    }

    @Test
    void userEndpointWins() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=nats")
            .withBean("myEndpoint", NatsEndpoint.class,
                    () -> new NatsEndpoint(new EmbeddedNatsServer(new io.natsboot.server.options.ServerOptions(), null)))
            .run((context) -> assertThat(context).hasSingleBean(NatsEndpoint.class).hasBean("myEndpoint"));
    }

}
