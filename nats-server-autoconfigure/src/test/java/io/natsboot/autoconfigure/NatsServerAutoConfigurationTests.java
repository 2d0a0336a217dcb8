package io.natsboot.autoconfigure;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.natsboot.boot.diagnostics.InvalidNatsRouteException;
import io.natsboot.boot.diagnostics.InvalidNatsRouteFailureAnalyzer;
import io.natsboot.boot.diagnostics.NatsPortInUseFailureAnalyzer;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class NatsServerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void embeddedServerStartsOnRandomPortAndClientPublishesThroughIt() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(EmbeddedNatsServer.class).hasSingleBean(Connection.class);
            EmbeddedNatsServer embedded = context.getBean(EmbeddedNatsServer.class);
            assertThat(embedded.isRunning()).isTrue();
            int port = embedded.getServer().port();
            assertThat(port).isPositive().isNotEqualTo(4222);
            assertThat(context.getEnvironment().getProperty("local.nats.server.port", Integer.class)).isEqualTo(port);
            Connection connection = context.getBean(Connection.class);
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            // the application's own connection skips the socket
            assertThat(connection.getConnectedUrl()).startsWith(embedded.getInProcessUrl());
            Subscription sub = connection.subscribe("greetings.>");
            connection.flush(Duration.ofSeconds(2));
            connection.publish("greetings.world", "hello".getBytes(StandardCharsets.UTF_8));
            Message message = sub.nextMessage(Duration.ofSeconds(2));
            assertThat(message).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        });
    }

    @Test
    void connectionAndServerStopWithContext() {
        Connection[] connection = new Connection[1];
        NatsServer[] server = new NatsServer[1];
        this.contextRunner.run((context) -> {
            connection[0] = context.getBean(Connection.class);
            server[0] = context.getBean(EmbeddedNatsServer.class).getServer();
        });
        assertThat(connection[0].getStatus()).isEqualTo(Connection.Status.CLOSED);
        assertThat(server[0].isRunning()).isFalse();
    }

    @Test
    void propertiesReachTheEngine() {
        this.contextRunner
            .withPropertyValues("nats.server.name=node-a", "nats.server.max-payload=2KB", "nats.server.max-pending=1MB",
                    "nats.server.max-connections=10", "nats.server.ping-interval=30s", "nats.server.ping-max=3",
                    "nats.server.write-deadline=3s", "nats.client.connection-name=my-app")
            .run((context) -> {
                NatsServer server = context.getBean(EmbeddedNatsServer.class).getServer();
                assertThat(server.serverName()).isEqualTo("node-a");
                assertThat(server.options().getMaxPayload()).isEqualTo(2048);
                assertThat(server.options().getMaxPending()).isEqualTo(1024 * 1024);
                assertThat(server.options().getMaxConnections()).isEqualTo(10);
                assertThat(server.options().getPingInterval()).isEqualTo(Duration.ofSeconds(30));
                assertThat(server.options().getPingMax()).isEqualTo(3);
                assertThat(server.options().getWriteDeadline()).isEqualTo(Duration.ofSeconds(3));
                assertThat(context.getBean(Connection.class).getOptions().getConnectionName()).isEqualTo("my-app");
                assertThat(context.getBean(Connection.class).getServerInfo().getMaxPayload()).isEqualTo(2048);
            });
    }

    @Test
    void connectionNameDefaultsToApplicationName() {
        this.contextRunner.withPropertyValues("spring.application.name=orders")
            .run((context) -> assertThat(context.getBean(Connection.class).getOptions().getConnectionName())
                .isEqualTo("orders"));
    }

    @Test
    void serverDisabledLeavesClientToExternalServers() {
        this.contextRunner.withPropertyValues("nats.server.enabled=false", "nats.client.servers=nats://127.0.0.1:1")
            .withUserConfiguration(NoConnection.class)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(EmbeddedNatsServer.class);
                assertThat(context.getBean(NatsConnectionDetails.class).getServers())
                    .containsExactly("nats://127.0.0.1:1");
            });
    }

    @Test
    void missingEngineClassesBackOff() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(NatsServer.class))
            .withPropertyValues("nats.client.servers=nats://127.0.0.1:1")
            .withUserConfiguration(NoConnection.class)
            .run((context) -> assertThat(context).doesNotHaveBean(EmbeddedNatsServer.class)
                .hasSingleBean(NatsConnectionDetails.class));
    }

    @Test
    void missingJnatsClassesBackOff() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Connection.class))
            .run((context) -> assertThat(context).hasSingleBean(EmbeddedNatsServer.class)
                .doesNotHaveBean(NatsConnectionDetails.class)
                .doesNotHaveBean(NatsClientProperties.class));
    }

    @Test
    void userBeansWin() {
        this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context.getBean(EmbeddedNatsServer.class)).isSameAs(context.getBean("myServer"));
            assertThat(context.getBean(NatsConnectionDetails.class)).isSameAs(context.getBean("myDetails"));
            assertThat(context.getBean(Connection.class).getConnectedUrl())
                .endsWith(":" + context.getBean(EmbeddedNatsServer.class).getServer().port());
        });
    }

    @Test
    void optionsCustomizerIsApplied() {
        this.contextRunner.withBean(NatsOptionsBuilderCustomizer.class, () -> (builder) -> builder.inboxPrefix("_X"))
            .run((context) -> assertThat(context.getBean(Connection.class).getOptions().getInboxPrefix())
                .isEqualTo("_X."));
    }

    @Test
    @Timeout(30)
    void clientConnectsInBackgroundWhenNotFailingOnStartup() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        NatsServer late = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(port));
        Connection[] connection = new Connection[1];
        try {
            this.contextRunner
                .withPropertyValues("nats.server.enabled=false", "nats.client.servers=nats://127.0.0.1:" + port,
                        "nats.client.fail-on-startup=false", "nats.client.connection-timeout=200ms",
                        "nats.client.reconnect-wait=50ms")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    connection[0] = context.getBean(Connection.class);
                    assertThat(connection[0].getStatus()).isNotEqualTo(Connection.Status.CONNECTED);
                    late.start();
                    NatsClusterTests.await(() -> connection[0].getStatus() == Connection.Status.CONNECTED);
                    Subscription sub = connection[0].subscribe("late");
                    connection[0].publish("late", new byte[] { 1 });
                    assertThat(sub.nextMessage(Duration.ofSeconds(2))).isNotNull();
                });
            assertThat(connection[0].getStatus()).isEqualTo(Connection.Status.CLOSED);
        }
        finally {
            late.shutdown();
        }
    }

    @Test
    @Timeout(30)
    void backgroundConnectionStopsRetryingWhenContextCloses() {
        Connection[] connection = new Connection[1];
        this.contextRunner
            .withPropertyValues("nats.server.enabled=false", "nats.client.servers=nats://127.0.0.1:1",
                    "nats.client.fail-on-startup=false", "nats.client.connection-timeout=200ms")
            .run((context) -> {
                connection[0] = context.getBean(Connection.class);
                assertThat(connection[0].getStatus()).isNotEqualTo(Connection.Status.CONNECTED);
            });
        assertThat(connection[0].getStatus()).isEqualTo(Connection.Status.CLOSED);
    }

    @Test
    void clientFailsStartupWhenServersAreUnreachable() {
        this.contextRunner
            .withPropertyValues("nats.server.enabled=false", "nats.client.servers=nats://127.0.0.1:1",
                    "nats.client.connection-timeout=200ms")
            .run((context) -> assertThat(context).hasFailed());
    }

    @Test
    void serverStartedOnDemandStopsWhenRefreshFails() {
        NatsServer[] server = new NatsServer[1];
        this.contextRunner.withPropertyValues("nats.client.servers=nats://127.0.0.1:1",
                "nats.client.connection-timeout=200ms")
            .withInitializer((context) -> context.getBeanFactory()
                .addBeanPostProcessor(new org.springframework.beans.factory.config.BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (bean instanceof EmbeddedNatsServer embedded) { // started here, before the lifecycle would
                            server[0] = embedded.getServer();
                        }
                        return bean;
                    }
                }))
            .run((context) -> assertThat(context).hasFailed());
        assertThat(server[0]).isNotNull();
        assertThat(server[0].isRunning()).isFalse();
    }

    @Test
    void autoConfigurationsAreListedInImports() {
        assertThat(org.springframework.boot.context.annotation.ImportCandidates
            .load(org.springframework.boot.autoconfigure.AutoConfiguration.class, getClass().getClassLoader())
            .getCandidates()).contains(NatsServerAutoConfiguration.class.getName(),
                    NatsClientAutoConfiguration.class.getName(),
                    "io.natsboot.autoconfigure.health.NatsHealthContributorAutoConfiguration",
                    "io.natsboot.autoconfigure.endpoint.NatsEndpointAutoConfiguration");
    }

    @Test
    void badPortFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("nats.server.port=70000").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("nats.server.port");
        });
    }

    @Test
    void payloadLargerThanPendingFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("nats.server.max-payload=2MB", "nats.server.max-pending=1MB")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("nats.server.max-payload"));
    }

    @Test
    void invalidRouteFailsWithAnalysis() {
        this.contextRunner.withPropertyValues("nats.server.cluster.port=0", "nats.server.cluster.routes=http://x:1")
            .run((context) -> {
                assertThat(context).hasFailed();
                Throwable root = rootCause(context.getStartupFailure());
                assertThat(root).isInstanceOf(InvalidNatsRouteException.class)
                    .hasMessageContaining("nats.server.cluster.routes[0]");
                FailureAnalysis analysis = new InvalidNatsRouteFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getAction()).contains("nats.server.cluster.routes[0]");
            });
    }

    @Test
    void portInUseFailsWithAnalysis() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            this.contextRunner.withPropertyValues("nats.server.port=" + taken.getLocalPort()).run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new NatsPortInUseFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("nats.server.port")
                    .contains(String.valueOf(taken.getLocalPort()));
            });
        }
    }

    @Test
    void routeDiscoveryBeansAreSeeds() {
        RouteDiscovery discovery = () -> List.of(new RouteUrl("127.0.0.1", 1, null, null));
        this.contextRunner.withBean(RouteDiscovery.class, () -> discovery)
            .withPropertyValues("nats.server.cluster.discovery.dns=localhost",
                    "nats.server.cluster.discovery.dns-port=7", "nats.server.cluster.port=0")
            .run((context) -> assertThat(
                    context.getBean(EmbeddedNatsServer.class).getOptions().getCluster().getDiscovery())
                .hasSize(2)
                .contains(discovery));
    }

    static Throwable rootCause(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Configuration(proxyBeanMethods = false)
    static class NoConnection {

        @Bean
        Connection natsConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { Connection.class }, (proxy, method, args) -> null);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        EmbeddedNatsServer myServer() {
            return new EmbeddedNatsServer(NatsServerAutoConfiguration.serverOptions(properties()), null);
        }

        @Bean
        NatsConnectionDetails myDetails(EmbeddedNatsServer myServer) {
            return () -> List.of(myServer.getClientUrl());
        }

        private static NatsServerProperties properties() {
            NatsServerProperties properties = new NatsServerProperties();
            properties.setPort(0);
            properties.setHost("127.0.0.1");
            return properties;
        }

    }

}
