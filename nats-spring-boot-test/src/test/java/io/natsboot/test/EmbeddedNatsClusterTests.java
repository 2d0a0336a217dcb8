package io.natsboot.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.natsboot.test.FixtureTestApplication.Orders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes in the test JVM, the application's one of them. A full mesh is what lets a message published on any
 * node reach a subscriber on any other (a message crosses at most one route), so every pair is tried.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedNats(nodes = 3)
class EmbeddedNatsClusterTests {

    @Value("${local.nats.cluster.urls}")
    private String[] urls;

    @Value("${local.nats.server.url}")
    private String url;

    @Autowired
    private EmbeddedNatsNodes nodes;

    @Autowired
    private Orders orders;

    private final List<Connection> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws InterruptedException {
        for (Connection client : this.clients) {
            client.close();
        }
    }

    @Test
    void everyNodeReachesEveryOther() throws Exception {
        assertThat(this.urls).hasSize(3).startsWith(this.url);
        assertThat(this.nodes.clientUrls()).containsExactly(this.urls[1], this.urls[2]);
        List<Set<String>> received = new ArrayList<>();
        for (String nodeUrl : this.urls) {
            Connection client = Nats.connect(nodeUrl);
            this.clients.add(client);
            Set<String> got = ConcurrentHashMap.newKeySet();
            received.add(got);
            Dispatcher dispatcher = client.createDispatcher((msg) -> got.add(new String(msg.getData(),
                    StandardCharsets.UTF_8)));
            dispatcher.subscribe("mesh");
            client.flush(Duration.ofSeconds(5));
        }
        // interest crosses the routes asynchronously: publish again until every node has heard every other
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < this.clients.size(); i++) {
                this.clients.get(i).publish("mesh", ("from " + i).getBytes(StandardCharsets.UTF_8));
                this.clients.get(i).flush(Duration.ofSeconds(5));
            }
            for (Set<String> got : received) {
                assertThat(got).containsExactlyInAnyOrder("from 0", "from 1", "from 2");
            }
        });
    }

    @Test
    void theApplicationsListenerHearsTheOtherNodes() throws Exception {
        Connection client = Nats.connect(this.urls[2]);
        this.clients.add(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            client.publish("orders.remote", "from node 3".getBytes(StandardCharsets.UTF_8));
            return this.orders.received().contains("from node 3");
        });
    }

}
