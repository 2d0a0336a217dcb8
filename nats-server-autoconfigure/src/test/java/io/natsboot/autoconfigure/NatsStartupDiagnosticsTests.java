package io.natsboot.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import io.natsboot.autoconfigure.endpoint.NatsEndpointAutoConfiguration;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.boot.diagnostics.NatsClientConnectException;
import io.natsboot.boot.diagnostics.NatsClientConnectFailureAnalyzer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures that name what to change, and the endpoint of an application whose client has no server.
 */
class NatsStartupDiagnosticsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsEndpointAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void clientThatCannotConnectFailsWithAnAnalysisNamingServersAndFailOnStartup() throws IOException {
        String url = "nats://127.0.0.1:" + closedPort();
        this.contextRunner
            .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + url,
                    "nats.client.connection-timeout=200ms")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new NatsClientConnectFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getCause()).isInstanceOf(NatsClientConnectException.class);
                assertThat(analysis.getDescription()).contains(url).contains("nats.client.servers");
                assertThat(analysis.getAction()).contains("nats.client.servers")
                    .contains("nats.client.fail-on-startup")
                    .contains(url);
            });
    }

    @Test
    void clusterPortEqualToClientPortFailsNamingBothProperties() throws IOException {
        int port = closedPort();
        this.contextRunner.withPropertyValues("nats.server.port=" + port, "nats.server.cluster.port=" + port)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .satisfies((ex) -> assertThat(((InvalidConfigurationPropertyValueException) ex).getName())
                        .isEqualTo("nats.server.cluster.port"))
                    .hasMessageContaining("must differ from nats.server.port (" + port + ")");
            });
    }

    @Test
    void monitoringPortEqualToClientPortFailsNamingBothProperties() throws IOException {
        int port = closedPort();
        this.contextRunner.withPropertyValues("nats.server.port=" + port, "nats.server.monitoring-port=" + port)
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("nats.server.monitoring-port")
                .hasMessageContaining("must differ from nats.server.port (" + port + ")"));
    }

    @Test
    void endpointAnswersWithTheClientStateWhileNoServerIsReachable() throws IOException {
        String url = "nats://127.0.0.1:" + closedPort();
        this.contextRunner
            .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + url,
                    "nats.client.fail-on-startup=false", "nats.client.connection-timeout=200ms",
                    "management.endpoints.web.exposure.include=nats")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(NatsEndpoint.class);
                NatsEndpoint endpoint = context.getBean(NatsEndpoint.class);
                NatsEndpoint.NodeDescriptor nats = endpoint.nats();
                assertThat(nats.serverId()).isNull();
                assertThat(nats.cluster()).isNull();
                assertThat(nats.client()).isNotNull();
                assertThat(nats.client().status()).isNotEqualTo("CONNECTED");
                assertThat(nats.client().servers()).containsExactly(url);
                assertThat(nats.client().connectedUrl()).isNull();
                assertThat(endpoint.monitoring("connections", null, null, null, null, null, null)).isNull();
            });
    }

    @Test
    void endpointShowsTheConnectedClientBesideTheNode() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=nats").run((context) -> {
            NatsEndpoint.NodeDescriptor nats = context.getBean(NatsEndpoint.class).nats();
            assertThat(nats.serverId()).isNotNull();
            assertThat(nats.client()).isNotNull();
            assertThat(nats.client().status()).isEqualTo("CONNECTED");
            // the application's own connection goes in-process to the node
            assertThat(nats.client().connectedUrl())
                .startsWith(context.getBean(EmbeddedNatsServer.class).getInProcessUrl());
            assertThat(nats.client().transport()).isEqualTo("in-process");
            assertThat(nats.client().lastError()).isNull();
        });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
