package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.natsboot.autoconfigure.endpoint.NatsEndpointAutoConfiguration;
import io.natsboot.autoconfigure.health.NatsHealthContributorAutoConfiguration;
import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.actuate.health.NatsClusterHealthIndicator;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts forming a cluster through {@code nats.server.cluster.*}.
 */
class NatsClusterTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsHealthContributorAutoConfiguration.class, NatsEndpointAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1", "nats.server.cluster.port=0",
                "nats.server.cluster.name=boot", "nats.server.cluster.min-routes=1",
                "management.endpoints.web.exposure.include=nats");

    @Test
    void twoContextsFormAClusterAndRouteMessages() {
        this.contextRunner.withPropertyValues("nats.server.name=a").run((a) -> {
            int clusterPort = a.getEnvironment().getProperty("local.nats.server.cluster-port", Integer.class);
            this.contextRunner
                .withPropertyValues("nats.server.name=b",
                        "nats.server.cluster.routes=nats-route://127.0.0.1:" + clusterPort)
                .run((b) -> {
                    NatsServer serverA = a.getBean(EmbeddedNatsServer.class).getServer();
                    NatsServer serverB = b.getBean(EmbeddedNatsServer.class).getServer();
                    await(() -> serverA.routeManager().routes().size() == 1
                            && serverB.routeManager().routes().size() == 1);

                    Connection onA = a.getBean(Connection.class);
                    Subscription sub = onA.subscribe("orders.new");
                    onA.flush(Duration.ofSeconds(2));
                    await(() -> serverB.routeManager().routes().get(0).subscriptionCount() == 1);
                    b.getBean(Connection.class).publish("orders.new", "42".getBytes(StandardCharsets.UTF_8));
                    Message message = sub.nextMessage(Duration.ofSeconds(5));
                    assertThat(message).isNotNull();
                    assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("42");

                    Health cluster = health(b, "cluster");
                    assertThat(cluster.getStatus()).isEqualTo(Status.UP);
                    assertThat(cluster.getDetails()).containsEntry("routes", 1)
                        .containsEntry("name", "boot")
                        .containsEntry("missingSeeds", java.util.List.of());

                    NatsEndpoint.NodeDescriptor node = b.getBean(NatsEndpoint.class).nats();
                    assertThat(node.serverName()).isEqualTo("b");
                    assertThat(node.cluster()).isNotNull();
                    assertThat(node.cluster().name()).isEqualTo("boot");
                    assertThat(node.cluster().routes()).singleElement().satisfies((route) -> {
                        assertThat(route.remoteName()).isEqualTo("a");
                        assertThat(route.remoteId()).isEqualTo(serverA.serverId());
                        assertThat(route.solicited()).isTrue();
                        assertThat(route.since()).isNotNull();
                    });
                    await(() -> b.getBean(NatsEndpoint.class).nats().cluster().clientUrls().size() == 2);
                    assertThat(b.getBean(NatsEndpoint.class).nats().cluster().clientUrls())
                        .contains("127.0.0.1:" + serverA.port(), "127.0.0.1:" + serverB.port());
                });
        });
    }

    @Test
    void loneNodeClusterHealthIsDegradedAndNamesTheMissingSeed() {
        this.contextRunner.withPropertyValues("nats.server.cluster.routes=nats-route://127.0.0.1:1").run((context) -> {
            Health cluster = health(context, "cluster");
            assertThat(cluster.getStatus()).isEqualTo(NatsClusterHealthIndicator.DEGRADED);
            assertThat(cluster.getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(cluster.getDetails()).containsEntry("routes", 0)
                .containsEntry("minRoutes", 1)
                .containsEntry("missingSeeds", java.util.List.of("nats-route://127.0.0.1:1"));
            assertThat(health(context, "server").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void aSeedThatNeverAnsweredTurnsTheClusterDegradedWithItsReason() {
        this.contextRunner
            .withPropertyValues("nats.server.cluster.min-routes=0",
                    "nats.server.cluster.routes=nats-route://127.0.0.1:1")
            .run((context) -> {
                await(() -> !health(context, "cluster").getStatus().equals(Status.UP));
                Health cluster = health(context, "cluster");
                assertThat(cluster.getStatus()).isEqualTo(NatsClusterHealthIndicator.DEGRADED);
                assertThat(cluster.getStatus().getDescription()).contains("never answered");
                assertThat(cluster.getDetails()).containsEntry("minRoutes", 0)
                    .containsKey("unansweredSeeds");
                @SuppressWarnings("unchecked")
                Map<String, String> unanswered = (Map<String, String>) cluster.getDetails().get("unansweredSeeds");
                assertThat(unanswered).containsOnlyKeys("nats-route://127.0.0.1:1");
                assertThat(unanswered.get("nats-route://127.0.0.1:1")).contains("Connection refused");
            });
    }

    @Test
    void aSeedThatAnsweredKeepsTheClusterUp() {
        this.contextRunner.withPropertyValues("nats.server.name=a", "nats.server.cluster.min-routes=0").run((a) -> {
            int clusterPort = a.getEnvironment().getProperty("local.nats.server.cluster-port", Integer.class);
            this.contextRunner
                .withPropertyValues("nats.server.name=b", "nats.server.cluster.min-routes=0",
                        "nats.server.cluster.routes=nats-route://127.0.0.1:" + clusterPort)
                .run((b) -> {
                    await(() -> b.getBean(EmbeddedNatsServer.class).getServer().routeManager().routes().size() == 1);
                    Health cluster = health(b, "cluster");
                    assertThat(cluster.getStatus()).isEqualTo(Status.UP);
                    assertThat(cluster.getDetails()).containsEntry("unansweredSeeds", Map.of());
                });
        });
    }

    @Test
    void degradedClusterDoesNotTurnTheOverallHealthDownWithTheDefaultAggregation() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
            .withPropertyValues("nats.server.cluster.routes=nats-route://127.0.0.1:1",
                    "management.endpoint.health.show-details=always",
                    "management.endpoints.web.exposure.include=health,nats")
            .run((context) -> {
                HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
                assertThat(endpoint.healthForPath("nats", "cluster").getStatus().getCode()).isEqualTo("DEGRADED");
                // SimpleStatusAggregator leaves codes outside its order (DOWN, OUT_OF_SERVICE, UP, UNKNOWN) out
                assertThat(endpoint.healthForPath("nats").getStatus()).isEqualTo(Status.UP);
                assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
            });
    }

    @Test
    void degradedClusterCountsWhenAddedToTheStatusOrder() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
            .withPropertyValues("nats.server.cluster.routes=nats-route://127.0.0.1:1",
                    "management.endpoint.health.show-details=always",
                    "management.endpoints.web.exposure.include=health,nats",
                    "management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown")
            .run((context) -> {
                HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
                assertThat(endpoint.health().getStatus().getCode()).isEqualTo("DEGRADED");
            });
    }

    static Health health(org.springframework.context.ApplicationContext context, String name) {
        CompositeHealthContributor nats = context.getBean("natsHealthContributor", CompositeHealthContributor.class);
        return ((HealthIndicator) nats.getContributor(name)).health(true);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static Map<String, Object> details(Health health) {
        return health.getDetails();
    }

}
