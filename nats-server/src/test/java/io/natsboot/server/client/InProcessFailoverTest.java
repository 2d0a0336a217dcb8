package io.natsboot.server.client;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.NatsbootInProcessDataPort;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An in-process client of a clustered node learns the other nodes' TCP URLs from INFO ({@code connect_urls}) and,
 * when its own node goes, fails over to one of them over TCP through its normal reconnect path.
 */
class InProcessFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void failsOverToAnotherNodeOverTcp() throws Exception {
        NatsServer a = TestServers.start(o -> o.setServerName("fo-a").getCluster().setName("fo")
                .setHost("127.0.0.1").setPort(0));
        try (NatsServer b = TestServers.start(o -> o.setServerName("fo-b").getCluster().setName("fo")
                .setHost("127.0.0.1").setPort(0).getRoutes().add("nats-route://127.0.0.1:" + a.clusterPort()))) {
            Options options = NatsbootInProcessDataPort.configure(new Options.Builder(), a.inProcessUrl())
                    .reconnectWait(Duration.ofMillis(50)).maxReconnects(-1).build();
            try (Connection nc = Nats.connect(options)) {
                assertThat(nc.getConnectedUrl()).contains("fo-a.in-process.invalid");
                await().atMost(WAIT).until(() -> nc.getServers().stream()
                        .anyMatch(u -> u.endsWith(":" + b.port())));
                a.close();
                await().atMost(WAIT).until(() -> nc.getStatus() == Connection.Status.CONNECTED
                        && nc.getConnectedUrl() != null && nc.getConnectedUrl().endsWith(":" + b.port()));
                Subscription s = nc.subscribe("after.failover");
                nc.publish("after.failover", new byte[] {1});
                assertThat(s.nextMessage(WAIT)).isNotNull();
                assertThat(b.clients()).singleElement().satisfies(c -> assertThat(c.inProcess()).isFalse());
            }
        } finally {
            a.close();
        }
    }
}
