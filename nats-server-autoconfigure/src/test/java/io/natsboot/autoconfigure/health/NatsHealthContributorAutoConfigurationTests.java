package io.natsboot.autoconfigure.health;

import io.nats.client.Connection;
import io.natsboot.autoconfigure.NatsClientAutoConfiguration;
import io.natsboot.autoconfigure.NatsServerAutoConfiguration;
import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class NatsHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsHealthContributorAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void serverAndClientAreUpWithoutCluster() {
        this.contextRunner.run((context) -> {
            CompositeHealthContributor nats = context.getBean("natsHealthContributor",
                    CompositeHealthContributor.class);
            assertThat(nats.getContributor("cluster")).isNull();
            Health server = health(nats, "server");
            assertThat(server.getStatus()).isEqualTo(Status.UP);
            assertThat(server.getDetails()).containsEntry("port",
                    context.getBean(EmbeddedNatsServer.class).getServer().port());
            Health client = health(nats, "client");
            assertThat(client.getStatus()).isEqualTo(Status.UP);
            assertThat(client.getDetails()).containsEntry("status", "CONNECTED");
            assertThat(client.getDetails()).containsEntry("transport", "in-process");
        });
    }

    @Test
    void clientIsDownOnceItsConnectionCloses() {
        this.contextRunner.run((context) -> {
            context.getBean(Connection.class).close();
            CompositeHealthContributor nats = context.getBean("natsHealthContributor",
                    CompositeHealthContributor.class);
            assertThat(health(nats, "client").getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void serverIsDownOnceStopped() {
        this.contextRunner.run((context) -> {
            context.getBean(Connection.class).close();
            context.getBean(EmbeddedNatsServer.class).stop();
            CompositeHealthContributor nats = context.getBean("natsHealthContributor",
                    CompositeHealthContributor.class);
            assertThat(health(nats, "server").getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void backsOffWhenDisabled() {
        this.contextRunner.withPropertyValues("management.health.nats.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("natsHealthContributor"));
    }

    @Test
    void backsOffWithoutHealthClasses() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("natsHealthContributor"));
    }

    @Test
    void backsOffWithoutServerOrConnection() {
        this.contextRunner.withPropertyValues("nats.server.enabled=false")
            .withClassLoader(new FilteredClassLoader(Connection.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("natsHealthContributor"));
    }

    @Test
    void worksWithoutJnats() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Connection.class)).run((context) -> {
            CompositeHealthContributor nats = context.getBean("natsHealthContributor",
                    CompositeHealthContributor.class);
            assertThat(nats.getContributor("client")).isNull();
            assertThat(health(nats, "server").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void userContributorWins() {
        this.contextRunner
            .withBean("natsHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
            .run((context) -> assertThat(context.getBean("natsHealthContributor"))
                .isNotInstanceOf(CompositeHealthContributor.class));
    }

    static Health health(CompositeHealthContributor nats, String name) {
        return ((HealthIndicator) nats.getContributor(name)).health(true);
    }

}
