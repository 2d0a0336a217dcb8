package io.natsboot.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.test.FixtureTestApplication.Orders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * application.yml seeds the application's node with a running "live" node, three ways (a seed route, DNS discovery,
 * a {@code RouteDiscovery} bean) and points the client at it; with {@link EmbeddedNats} the test stays out of it.
 * {@link JoinWithoutFixtureTests} shows that the same configuration joins without the fixture.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedNats
class EmbeddedNatsIsolationTests {

    private static final LiveNode LIVE = LiveNode.start();

    @DynamicPropertySource
    static void liveNode(DynamicPropertyRegistry registry) {
        registry.add("test.live.cluster-port", LIVE::clusterPort);
        registry.add("test.live.client-port", LIVE::clientPort);
    }

    @AfterAll
    static void stopLiveNode() {
        LIVE.close();
    }

    @Autowired
    private Connection connection;

    @Autowired
    private NatsTemplate template;

    @Autowired
    private Orders orders;

    @Value("${local.nats.server.url}")
    private String url;

    @Test
    void doesNotJoinTheClusterTheApplicationSeeds() throws Exception {
        // the seeds are dialled every second: two seconds and more without a route is a node that will not dial
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
            .until(() -> LIVE.numRoutes() == 0);
        // in-process to the test's own node: the INFO it got is that node's
        assertThat(this.connection.getServerInfo().getPort()).isEqualTo(java.net.URI.create(this.url).getPort());
    }

    @Autowired
    private EmbeddedNatsServer embedded;

    @Test
    void noDiscoverySourceIsAsked() {
        assertThat(this.embedded.getOptions().getCluster().getDiscovery()).isEmpty();
    }

    @Test
    void listenerGetsNothingFromTheLiveCluster() throws Exception {
        try (Connection live = Nats.connect(LIVE.clientUrl())) {
            live.publish("orders.live", "from the live cluster".getBytes(StandardCharsets.UTF_8));
            live.flush(Duration.ofSeconds(5));
        }
        this.template.publish("orders.test", "from the test");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.orders.received().contains("from the test"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
            .until(() -> !this.orders.received().contains("from the live cluster"));
    }

}
