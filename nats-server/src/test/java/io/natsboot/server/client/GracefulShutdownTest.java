package io.natsboot.server.client;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shutdown stops accepting but first delivers what the server had already taken in. */
class GracefulShutdownTest {

    @Test
    void everythingAcceptedBeforeShutdownIsDelivered() throws Exception {
        int messages = 20_000;
        NatsServer server = TestServers.start();
        Options.Builder noReconnect = new Options.Builder().server(server.clientUrl()).maxReconnects(0);
        try (Connection sub = Nats.connect(noReconnect.build()); Connection pub = Nats.connect(noReconnect.build())) {
            AtomicInteger received = new AtomicInteger();
            sub.createDispatcher(m -> received.incrementAndGet()).subscribe("drain.me");
            sub.flush(Duration.ofSeconds(5));
            byte[] payload = new byte[512];
            for (int i = 0; i < messages; i++) {
                pub.publish("drain.me", payload);
            }
            // the PONG means the server has read and routed every message before it
            pub.flush(Duration.ofSeconds(10));
            server.shutdown();
            assertThat(server.isRunning()).isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received.get()).isEqualTo(messages));
            await().atMost(Duration.ofSeconds(5)).until(() -> sub.getStatus() != Connection.Status.CONNECTED);
        } finally {
            server.shutdown();
        }
    }

    @Test
    void shutdownIsIdempotentAndAServerStartsOnce() {
        NatsServer server = TestServers.start();
        server.shutdown();
        server.shutdown();
        org.assertj.core.api.Assertions.assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }
}
