package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.natsboot.autoconfigure.endpoint.NatsEndpointAutoConfiguration;
import io.natsboot.autoconfigure.health.NatsHealthContributorAutoConfiguration;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.conformance.NatsServerProcess;
import io.natsboot.spring.annotation.NatsListener;
import io.natsboot.spring.core.NatsTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Client-only mode ({@code nats.server.enabled=false}) against the official {@code nats-server} binary, run as a child
 * process: the {@link Connection}, {@link NatsTemplate} and {@link NatsListener @NatsListener} work through it and no
 * embedded server exists. Skipped when the binary is not on the PATH, failed then under {@code CI=true}.
 */
class NatsClientOnlyTests {

    private NatsServerProcess official;

    @BeforeEach
    void startOfficialServer() {
        this.official = NatsServerProcess.start("");
    }

    @AfterEach
    void stopOfficialServer() {
        if (this.official != null) {
            this.official.close();
        }
    }

    @Test
    void connectionTemplateAndListenerWorkThroughTheOfficialServer() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class,
                    NatsClientAutoConfiguration.class, NatsSpringAutoConfiguration.class,
                    NatsHealthContributorAutoConfiguration.class, NatsEndpointAutoConfiguration.class))
            .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + this.official.clientUrl(),
                    "management.endpoints.web.exposure.include=nats")
            .withUserConfiguration(Listeners.class)
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(EmbeddedNatsServer.class)
                    .doesNotHaveBean(NatsServer.class)
                    .hasSingleBean(Connection.class)
                    .hasSingleBean(NatsTemplate.class);
                // no node to describe: the endpoint shows the client alone (issue 16: it was 404)
                NatsEndpoint.NodeDescriptor nats = context.getBean(NatsEndpoint.class).nats();
                assertThat(nats.serverId()).isNull();
                assertThat(nats.client()).isNotNull();
                assertThat(nats.client().status()).isEqualTo("CONNECTED");
                assertThat(nats.client().connectedUrl()).endsWith(":" + this.official.port());

                Connection connection = context.getBean(Connection.class);
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                assertThat(connection.getConnectedUrl()).endsWith(":" + this.official.port());
                // the official server, not a natsboot one
                assertThat(connection.getServerInfo().getVersion()).doesNotContain("natsboot");

                Subscription sub = connection.subscribe("raw.ping");
                connection.flush(Duration.ofSeconds(2));
                connection.publish("raw.ping", "pong".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Message raw = sub.nextMessage(Duration.ofSeconds(5));
                assertThat(raw).isNotNull();
                assertThat(new String(raw.getData(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("pong");

                NatsTemplate template = context.getBean(NatsTemplate.class);
                Listeners listeners = context.getBean(Listeners.class);
                template.publish("official.orders", new Order("o-7", 2));
                await().atMost(Duration.ofSeconds(5)).until(() -> !listeners.orders.isEmpty());
                assertThat(listeners.orders).containsExactly(new Order("o-7", 2));
                Integer length = template.request("official.quote", "banana", Integer.class, Duration.ofSeconds(5));
                assertThat(length).isEqualTo(6);
            });
    }

    record Order(String id, int quantity) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<Order> orders = new CopyOnWriteArrayList<>();

        @NatsListener(subject = "official.orders", queue = "billing")
        void onOrder(Order order) {
            this.orders.add(order);
        }

        @NatsListener(subject = "official.quote")
        int quote(String item) {
            return item.length();
        }

    }

}
