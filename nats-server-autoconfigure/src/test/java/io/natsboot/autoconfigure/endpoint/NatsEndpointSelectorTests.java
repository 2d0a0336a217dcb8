package io.natsboot.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.nats.client.Connection;
import io.natsboot.autoconfigure.NatsClientAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code connections}, {@code routes} and {@code subscriptions} selectors of {@link NatsEndpoint}.
 */
class NatsEndpointSelectorTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsEndpointAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1",
                "management.endpoints.web.exposure.include=nats");

    @Test
    @SuppressWarnings("unchecked")
    void selectorsServeTheMonitoringDocuments() {
        this.contextRunner.run((context) -> {
            Connection connection = context.getBean(Connection.class);
            connection.subscribe("orders.*");
            connection.flush(Duration.ofSeconds(2));
            String serverId = context.getBean(EmbeddedNatsServer.class).getServer().serverId();
            NatsEndpoint endpoint = context.getBean(NatsEndpoint.class);

            Map<String, Object> connz = endpoint.monitoring("connections", "1", null, null, null, null, null);
            assertThat(connz).containsEntry("server_id", serverId)
                .containsEntry("num_connections", 1L)
                .containsEntry("total", 1L)
                .containsKey("now");
            List<Map<String, Object>> connections = (List<Map<String, Object>>) connz.get("connections");
            assertThat(connections).singleElement().satisfies((c) -> {
                assertThat(c).containsKeys("cid", "ip", "port", "start", "in_msgs", "out_msgs");
                assertThat(c).containsEntry("subscriptions_list", List.of("orders.*"));
            });

            Map<String, Object> subsz = endpoint.monitoring("subscriptions", null, null, null, null, null, null);
            assertThat(subsz).containsEntry("server_id", serverId).containsEntry("num_subscriptions", 1L);
            assertThat((List<Map<String, Object>>) subsz.get("subscriptions_list")).singleElement()
                .satisfies((s) -> assertThat(s).containsEntry("subject", "orders.*"));
            assertThat(endpoint.monitoring("subscriptions", null, null, null, null, null, "orders.new"))
                .containsEntry("total", 1L);
            assertThat(endpoint.monitoring("subscriptions", "0", null, null, null, null, null))
                .doesNotContainKey("subscriptions_list");

            Map<String, Object> routez = endpoint.monitoring("routes", null, null, null, null, null, null);
            assertThat(routez).containsEntry("server_id", serverId)
                .containsEntry("num_routes", 0L)
                .containsEntry("routes", List.of());

            assertThat(endpoint.monitoring("varz", null, null, null, null, null, null)).isNull();
            assertThatExceptionOfType(InvalidEndpointRequestException.class)
                .isThrownBy(() -> endpoint.monitoring("connections", null, null, null, "nope", null, null))
                .withMessageContaining("invalid sorting option");
            assertThatExceptionOfType(InvalidEndpointRequestException.class)
                .isThrownBy(() -> endpoint.monitoring("subscriptions", null, null, null, null, null, "orders.*"));
        });
    }

}
