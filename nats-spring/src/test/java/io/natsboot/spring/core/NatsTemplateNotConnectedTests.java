package io.natsboot.spring.core;

import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A request on a connection that is not connected fails at once, naming the status, instead of timing out. */
class NatsTemplateNotConnectedTests {

    @Test
    void requestWhileReconnectingAndPublishOnAClosedConnectionFailAtOnce() throws Exception {
        NatsServer server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        server.start();
        Connection connection;
        try {
            connection = Nats.connect(new Options.Builder().server(server.clientUrl())
                .reconnectWait(Duration.ofMillis(100)).maxReconnects(-1).build());
        }
        catch (Exception ex) {
            server.close();
            throw ex;
        }
        try {
            NatsTemplate template = new NatsTemplate(connection);
            server.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.getStatus() != Connection.Status.CONNECTED);

            long start = System.nanoTime();
            assertThatThrownBy(() -> template.request("nc.x", "hi", String.class, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(NatsNotConnectedException.class,
                        ex -> assertThat(ex.getStatus()).isNotEqualTo(Connection.Status.CONNECTED))
                .isInstanceOf(NatsRequestException.class)
                .hasMessageStartingWith("Not connected to NATS (connection status ")
                .hasMessageEndingWith("): cannot request on 'nc.x'");
            assertThat(template.requestAsync("nc.x", "hi", String.class, Duration.ofSeconds(30)))
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(NatsNotConnectedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            connection.close();
            assertThatThrownBy(() -> template.publish("nc.x", "hi"))
                .isInstanceOf(NatsNotConnectedException.class)
                .hasMessage("Not connected to NATS (connection status CLOSED): cannot publish on 'nc.x'");
        }
        finally {
            connection.close();
            server.close();
        }
    }
}
