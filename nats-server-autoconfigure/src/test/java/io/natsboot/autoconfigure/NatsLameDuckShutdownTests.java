package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's shutdown puts its clustered node in lame duck mode first: clients of the node move to the other
 * node before it stops. The properties are checked against each other and the shutdown phase.
 */
class NatsLameDuckShutdownTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1", "nats.server.cluster.port=0",
                "nats.server.cluster.name=boot", "nats.server.cluster.min-routes=0");

    @Test
    void stoppingANodeMovesItsClientsToTheOtherNode() {
        this.contextRunner.withPropertyValues("nats.server.name=a").run((a) -> {
            int clusterPort = a.getEnvironment().getProperty("local.nats.server.cluster-port", Integer.class);
            int portOfA = a.getEnvironment().getProperty("local.nats.server.port", Integer.class);
            AtomicReference<Connection> client = new AtomicReference<>();
            AtomicBoolean toldLameDuck = new AtomicBoolean();
            AtomicReference<NatsServer> nodeB = new AtomicReference<>();
            AtomicReference<Connection> ownOfB = new AtomicReference<>();
            this.contextRunner
                .withPropertyValues("nats.server.name=b", "nats.server.lame-duck-duration=2s",
                        "nats.server.lame-duck-grace-period=200ms",
                        "nats.server.cluster.routes=nats-route://127.0.0.1:" + clusterPort)
                .run((b) -> {
                    NatsServer serverB = b.getBean(EmbeddedNatsServer.class).getServer();
                    nodeB.set(serverB);
                    ownOfB.set(b.getBean(Connection.class));
                    await().atMost(WAIT).until(() -> serverB.routeManager().routes().size() == 1);
                    client.set(Nats.connect(new Options.Builder().server(serverB.clientUrl())
                        .reconnectWait(Duration.ofMillis(20))
                        .maxReconnects(-1)
                        .connectionListener((c, event) -> {
                            if (event == ConnectionListener.Events.LAME_DUCK) {
                                toldLameDuck.set(true);
                            }
                        })
                        .build()));
                    await().atMost(WAIT).until(() -> client.get().getServers().size() >= 2);
                });
            // the context of b is closed: its node went through lame duck mode
            assertThat(nodeB.get().isLameDuckMode()).isTrue();
            assertThat(nodeB.get().isRunning()).isFalse();
            assertThat(toldLameDuck).isTrue();
            // the application's own connection drained and closed before its node stopped: it did not move
            assertThat(ownOfB.get().getStatus()).isEqualTo(Connection.Status.CLOSED);
            try (Connection moved = client.get()) {
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(moved.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                    assertThat(moved.getConnectedUrl()).endsWith(":" + portOfA);
                });
            }
        });
    }

    @Test
    void aZeroDurationStopsTheNodeAtOnce() {
        this.contextRunner.withPropertyValues("nats.server.lame-duck-duration=0").run((context) -> {
            NatsServer server = context.getBean(EmbeddedNatsServer.class).getServer();
            context.close();
            assertThat(server.isLameDuckMode()).isFalse();
            assertThat(server.isRunning()).isFalse();
        });
    }

    @Test
    void aDurationAsLongAsTheShutdownPhaseFailsNamingBothProperties() {
        this.contextRunner
            .withPropertyValues("nats.server.lame-duck-duration=30s", "spring.lifecycle.timeout-per-shutdown-phase=30s")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("nats.server.lame-duck-duration")
                .hasMessageContaining("must be shorter than spring.lifecycle.timeout-per-shutdown-phase (PT30S)"));
        // Boot's default phase timeout is 30s
        this.contextRunner.withPropertyValues("nats.server.lame-duck-duration=1m")
            .run((context) -> assertThat(context).hasFailed());
        this.contextRunner
            .withPropertyValues("nats.server.lame-duck-duration=1m", "spring.lifecycle.timeout-per-shutdown-phase=2m")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void aGracePeriodNotShorterThanTheDurationFailsNamingTheProperty() {
        this.contextRunner
            .withPropertyValues("nats.server.lame-duck-duration=2s", "nats.server.lame-duck-grace-period=2s")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("nats.server.lame-duck-grace-period")
                .hasMessageContaining("must be shorter than nats.server.lame-duck-duration (PT2S)"));
        this.contextRunner.withPropertyValues("nats.server.lame-duck-duration=-1s")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("nats.server.lame-duck-duration"));
    }

    @Test
    void theDefaultsAreShort() {
        this.contextRunner.run((context) -> {
            EmbeddedNatsServer node = context.getBean(EmbeddedNatsServer.class);
            assertThat(node.getOptions().getLameDuckDuration()).isEqualTo(Duration.ofSeconds(5));
            assertThat(node.getOptions().getLameDuckGracePeriod()).isEqualTo(Duration.ofSeconds(1));
        });
    }
}
