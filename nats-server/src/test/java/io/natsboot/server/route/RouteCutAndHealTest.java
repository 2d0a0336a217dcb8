package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two natsboot nodes whose only route runs through a proxy that is cut while messages flow, then healed. */
class RouteCutAndHealTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private TcpProxy proxy;
    private Thread publisher;
    private final AtomicBoolean publishing = new AtomicBoolean(true);

    @AfterEach
    void tearDown() throws Exception {
        publishing.set(false);
        if (publisher != null) {
            publisher.join(5000);
        }
        for (Connection c : connections) {
            c.close();
        }
        for (NatsServer s : servers) {
            s.shutdown();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private NatsServer node(String name, String seed) {
        NatsServer server = TestServers.start(o -> {
            o.setServerName(name).getCluster().setName("cut").setHost("127.0.0.1").setPort(0);
            if (seed != null) {
                o.getCluster().getRoutes().add(seed);
            }
        });
        servers.add(server);
        return server;
    }

    private Connection connect(NatsServer server) throws Exception {
        Connection c = Nats.connect(new Options.Builder().server(server.clientUrl()).noReconnect().build());
        connections.add(c);
        return c;
    }

    private static boolean routed(NatsServer from, NatsServer to) {
        return from.routeManager().routes().stream().anyMatch(r -> r.remote().serverId().equals(to.serverId()));
    }

    @Test
    void cutRouteDropsRouteAndInterestAndHealedRouteCarriesMessagesAgain() throws Exception {
        NatsServer a = node("a", null);
        proxy = new TcpProxy(a.clusterPort());
        NatsServer b = node("b", "nats-route://127.0.0.1:" + proxy.port());
        await().atMost(WAIT).until(() -> routed(a, b) && routed(b, a));

        // interest both ways: a subscriber on A for B's stream, one on B for A's
        Connection onA = connect(a);
        AtomicInteger received = new AtomicInteger();
        onA.createDispatcher(m -> received.incrementAndGet()).subscribe("stream.>");
        onA.flush(WAIT);
        Connection onB = connect(b);
        Subscription back = onB.subscribe("back.x");
        onB.flush(WAIT);
        await().atMost(WAIT).until(() -> !b.subjects().match("stream.1").isEmpty()
                && !a.subjects().match("back.x").isEmpty());

        Connection pub = connect(b);
        publisher = new Thread(() -> {
            int i = 0;
            while (publishing.get()) {
                try {
                    pub.publish("stream." + (i++ % 10), "x".getBytes(StandardCharsets.UTF_8));
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                } catch (IllegalStateException e) {
                    return; // connection closed at tear down
                }
            }
        }, "cut-publisher");
        publisher.start();
        await().atMost(WAIT).until(() -> received.get() > 50);

        // the network goes away mid-stream
        proxy.cut();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(a.routeManager().routes()).as("A's routes").isEmpty();
            assertThat(b.routeManager().routes()).as("B's routes").isEmpty();
            assertThat(b.subjects().match("stream.1").isEmpty()).as("B still sees A's interest").isTrue();
            assertThat(a.subjects().match("back.x").isEmpty()).as("A still sees B's interest").isTrue();
        });
        int atCut = received.get();
        // nothing can cross while cut: the count settles (a round trip through A proves earlier messages are in)
        onA.flush(WAIT);
        int settled = received.get();
        assertThat(settled).isGreaterThanOrEqualTo(atCut);

        proxy.heal();
        await().atMost(Duration.ofSeconds(5)).until(() -> routed(a, b) && routed(b, a));
        await().atMost(WAIT).until(() -> received.get() > settled + 50);
        Connection pubA = connect(a);
        await().atMost(WAIT).until(() -> !a.subjects().match("back.x").isEmpty());
        pubA.publish("back.x", "again".getBytes(StandardCharsets.UTF_8));
        pubA.flush(WAIT);
        assertThat(back.nextMessage(WAIT)).as("A to B after heal").isNotNull();
        assertThat(a.routeManager().routes()).hasSize(1);
        assertThat(b.routeManager().routes()).hasSize(1);
    }
}
