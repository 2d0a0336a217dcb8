package io.natsboot.server.client;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class JnatsSmokeTest {

    @Test
    void publishAndSubscribe() throws Exception {
        try (NatsServer server = TestServers.start();
             Connection nc = Nats.connect(server.clientUrl())) {
            Subscription sub = nc.subscribe("foo.*");
            nc.publish("foo.bar", "hello".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(m.getSubject()).isEqualTo("foo.bar");
        }
    }
}
