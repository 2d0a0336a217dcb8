package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.ConnInfo;
import io.natsboot.server.monitor.Connz;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nats.client.transport}: the application's connection to its embedded node skips the socket unless told
 * otherwise, and the node still serves TCP clients beside it.
 */
class NatsClientTransportTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1", "nats.server.name=app-node");

    @Test
    void inProcessByDefaultWhenEmbedded() {
        this.contextRunner.run((context) -> {
            Connection app = context.getBean(Connection.class);
            NatsServer server = context.getBean(EmbeddedNatsServer.class).getServer();
            assertThat(app.getConnectedUrl()).startsWith("nats://app-node.in-process.invalid");
            Subscription sub = app.subscribe("orders");
            app.flush(Duration.ofSeconds(5));
            // a TCP client reaches the application's subscription
            try (Connection outside = Nats.connect(server.clientUrl())) {
                outside.publish("orders", "from outside".getBytes(StandardCharsets.UTF_8));
                outside.flush(Duration.ofSeconds(5));
                Message m = sub.nextMessage(Duration.ofSeconds(5));
                assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("from outside");
                assertThat(server.monitor().connz(Connz.Options.DEFAULT).connections()).map(ConnInfo::ip)
                    .containsExactlyInAnyOrder("pipe", "127.0.0.1");
            }
        });
    }

    @Test
    void tcpWhenConfigured() {
        this.contextRunner.withPropertyValues("nats.client.transport=tcp").run((context) -> {
            Connection app = context.getBean(Connection.class);
            int port = context.getBean(EmbeddedNatsServer.class).getServer().port();
            assertThat(app.getConnectedUrl()).endsWith(":" + port);
            assertThat(context.getBean(EmbeddedNatsServer.class).getServer().clients())
                .singleElement()
                .satisfies((c) -> assertThat(c.inProcess()).isFalse());
        });
    }

    @Test
    void inProcessCanBeAskedForExplicitly() {
        this.contextRunner.withPropertyValues("nats.client.transport=in-process")
            .run((context) -> assertThat(context.getBean(Connection.class).getConnectedUrl())
                .startsWith("nats://app-node.in-process.invalid"));
    }

    @Test
    void aBadValueFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("nats.client.transport=carrier-pigeon")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("carrier-pigeon"));
        this.contextRunner.withPropertyValues("nats.client.transport=carrier-pigeon")
            .run((context) -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("Failed to bind properties under 'nats.client.transport'"));
    }

    @Test
    void inProcessWithOtherServersIsRefused() {
        this.contextRunner
            .withPropertyValues("nats.client.transport=in-process", "nats.client.servers=nats://elsewhere:4222")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("nats.client.transport")
                .hasMessageContaining("unset nats.client.servers or use tcp"));
    }

    @Test
    void inProcessWithoutTheEmbeddedNodeIsRefused() {
        this.contextRunner.withPropertyValues("nats.server.enabled=false", "nats.client.transport=in-process")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("nats.client.transport")
                .hasMessageContaining("not enabled"));
    }

}
