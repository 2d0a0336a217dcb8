package com.example.fresh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.natsboot.server.connection.Transport;
import io.natsboot.spring.core.NatsTemplate;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(properties = "nats.server.port=0")
class FreshApplicationTests {

    @Autowired
    Connection connection;

    @Autowired
    NatsTemplate template;

    @Autowired
    FreshApplication.Greetings greetings;

    @Test
    void publishesAndReceivesOnTheBootBomsNetty() throws Exception {
        this.template.publish("greetings", "ada");
        assertThat(this.greetings.received.poll(10, TimeUnit.SECONDS)).isEqualTo("ada");

        assertThat(this.template.request("shout", "hello", String.class)).isEqualTo("HELLO");
        Message reply = this.connection.request("shout", "nats".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("NATS");

        // Netty is the one Boot's BOM manages (run.sh passes the BOM's version), and the starter brought no native
        // transport: the node runs on NIO.
        String bootNetty = System.getProperty("boot.netty.version");
        assertThat(bootNetty).as("system property boot.netty.version").isNotBlank();
        assertThat(Version.identify().values()).isNotEmpty()
            .allSatisfy((artifact) -> assertThat(artifact.artifactVersion()).as(artifact.artifactId())
                .isEqualTo(bootNetty));
        assertThat(Transport.name()).isEqualTo("nio");
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> Class.forName("io.netty.channel.epoll.Epoll"));
    }

}
