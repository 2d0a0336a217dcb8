package io.natsboot.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.natsboot.test.FixtureTestApplication.Orders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedNats
class EmbeddedNatsUrlTests {

    @Value("${local.nats.server.port}")
    private int port;

    @Value("${local.nats.server.url}")
    private String url;

    @Value("${local.nats.cluster.urls}")
    private String clusterUrls;

    @Autowired
    private Connection connection;

    @Autowired
    private Orders orders;

    @Test
    void publishesTheNodesUrl() {
        assertThat(this.port).isPositive().isNotEqualTo(4222);
        assertThat(this.url).isEqualTo("nats://127.0.0.1:" + this.port);
        assertThat(this.clusterUrls).isEqualTo(this.url);
        // the application's own connection goes in-process; the URL is for clients outside the JVM
        assertThat(this.connection.getConnectedUrl()).contains(".in-process.invalid");
    }

    @Test
    void aClientOnTheUrlReachesTheApplicationsListener() throws Exception {
        try (Connection client = Nats.connect(this.url)) {
            client.publish("orders.url", "through the url".getBytes(StandardCharsets.UTF_8));
            client.flush(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> this.orders.received().contains("through the url"));
    }

}
