package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Route authentication ({@code cluster { authorization { user, password } }}) between natsboot and nats-server nodes. */
class RouteAuthTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CLUSTER = "auth";
    private final List<NatsServer> servers = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : others) {
            c.close();
        }
        for (NatsServer s : servers) {
            s.shutdown();
        }
    }

    /** A node with route auth {@code ruser/rpass}, seeded with {@code seedUrl} when given. */
    private NatsServer node(String name, String seedUrl) {
        NatsServer server = TestServers.start(o -> {
            o.setServerName(name).getCluster().setName(CLUSTER).setHost("127.0.0.1").setPort(0)
                    .setUser("ruser").setPassword("rpass").setAuthTimeout(Duration.ofSeconds(2));
            if (seedUrl != null) {
                o.getCluster().getRoutes().add(seedUrl);
            }
        });
        servers.add(server);
        return server;
    }

    private static String routeUrl(String credentials, int port) {
        return "nats-route://" + credentials + "127.0.0.1:" + port;
    }

    private static Set<String> peers(NatsServer s) {
        return s.routeManager().routes().stream().map(r -> r.remote().serverId()).collect(Collectors.toSet());
    }

    @Test
    void nodesWithTheRightCredentialsMeshAndCarryMessages() throws Exception {
        NatsServer a = node("a", null);
        NatsServer b = node("b", routeUrl("ruser:rpass@", a.clusterPort()));
        // c knows only a; it must reach b through gossip, dialling it with the cluster credentials
        NatsServer c = node("c", routeUrl("ruser:rpass@", a.clusterPort()));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(peers(a)).containsExactlyInAnyOrder(b.serverId(), c.serverId());
            assertThat(peers(b)).containsExactlyInAnyOrder(a.serverId(), c.serverId());
            assertThat(peers(c)).containsExactlyInAnyOrder(a.serverId(), b.serverId());
        });
        try (Connection sub = Nats.connect(b.clientUrl()); Connection pub = Nats.connect(c.clientUrl())) {
            Subscription s = sub.subscribe("over.routes");
            sub.flush(WAIT);
            await().atMost(WAIT).until(() -> a.routeManager().routes().stream()
                    .allMatch(r -> r.isRegistered()));
            Message m = null;
            for (int i = 0; i < 50 && m == null; i++) {
                pub.publish("over.routes", "hi".getBytes(StandardCharsets.UTF_8));
                m = s.nextMessage(Duration.ofMillis(200));
            }
            assertThat(m).isNotNull();
        }
    }

    @Test
    void wrongCredentialsAreRefusedAndLogged() {
        try (LogRecorder log = new LogRecorder("io.natsboot.server.route.RouteConnection", Level.SEVERE)) {
            NatsServer a = node("a", null);
            node("b", routeUrl("ruser:wrong@", a.clusterPort()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .matches("SEVERE 127\\.0\\.0\\.1:\\d+ - rid:\\d+ - authentication error")));
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> peers(a).isEmpty());
        }
    }

    @Test
    void aSeedWithoutCredentialsIsRefusedEvenWithClusterCredentialsSet() {
        // nats-server sends only the route URL's credentials to an explicit seed; natsboot does the same
        try (LogRecorder log = new LogRecorder("io.natsboot.server.route.RouteConnection", Level.SEVERE)) {
            NatsServer a = node("a", null);
            node("b", routeUrl("", a.clusterPort()));
            await().atMost(WAIT).until(() -> !log.lines().isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> peers(a).isEmpty());
        }
    }

    @Test
    void routeInfoSaysAuthRequiredAndOpsBeforeConnectAreRefused() throws Exception {
        NatsServer a = node("a", null);
        try (RawClient raw = RawClient.connect(a.clusterPort())) {
            assertThat(raw.info()).startsWith("INFO {").contains("\"auth_required\":true");
            raw.send("PING\r\n");
            assertThat(raw.readUntilClosed(WAIT)).isEqualTo("-ERR 'Authorization Violation'\r\n");
        }
        // any first op but CONNECT, even garbage, as nats-server 2.9.10 answers on its route port
        for (String first : new String[] {"XYZ\r\n", "RS+ $G foo\r\n", "INFO {}\r\n", "P"}) {
            try (RawClient raw = RawClient.connect(a.clusterPort())) {
                raw.send(first);
                assertThat(raw.readUntilClosed(WAIT)).as(first).isEqualTo("-ERR 'Authorization Violation'\r\n");
            }
        }
        try (RawClient raw = RawClient.connect(a.clusterPort())) {
            raw.send("CONNECT {\"user\":\"ruser\",\"pass\":\"nope\",\"name\":\"x\"}\r\n");
            assertThat(raw.readUntilClosed(WAIT)).isEqualTo("-ERR 'Authorization Violation'\r\n");
        }
    }

    @Test
    void silentRouteGetsAuthenticationTimeout() throws Exception {
        NatsServer a = TestServers.start(o -> o.getCluster().setName(CLUSTER).setHost("127.0.0.1").setPort(0)
                .setUser("ruser").setPassword("rpass").setAuthTimeout(Duration.ofMillis(300)));
        servers.add(a);
        try (RawClient raw = RawClient.connect(a.clusterPort())) {
            assertThat(raw.readUntilClosed(WAIT)).isEqualTo("-ERR 'Authentication Timeout'\r\n");
            assertThat(raw.isClosed()).isTrue();
        }
    }

    @Test
    void meshesWithAnOfficialNodeThatRequiresRouteAuth() throws Exception {
        OfficialNode official = OfficialNode.start("go", CLUSTER, List.of(),
                "  authorization { user: ruser, password: rpass, timeout: 2 }\n");
        others.add(official);
        int officialPort = Integer.parseInt(official.routeUrl().substring(official.routeUrl().lastIndexOf(':') + 1));
        NatsServer java = node("java", routeUrl("ruser:rpass@", officialPort));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(peers(java)).containsExactly(official.serverId());
            assertThat(official.routePeerIds()).containsExactly(java.serverId());
        });
        try (Connection sub = Nats.connect(official.clientUrl()); Connection pub = Nats.connect(java.clientUrl())) {
            Subscription s = sub.subscribe("mixed");
            sub.flush(WAIT);
            Message m = null;
            for (int i = 0; i < 50 && m == null; i++) {
                pub.publish("mixed", "hi".getBytes(StandardCharsets.UTF_8));
                m = s.nextMessage(Duration.ofMillis(200));
            }
            assertThat(m).isNotNull();
        }
    }

    @Test
    void officialNodeWithTheRightCredentialsIsAccepted() {
        NatsServer java = node("java", null);
        OfficialNode official = OfficialNode.start("go", CLUSTER,
                List.of(routeUrl("ruser:rpass@", java.clusterPort())));
        others.add(official);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(peers(java)).containsExactly(official.serverId());
            assertThat(official.routePeerIds()).containsExactly(java.serverId());
        });
    }

    @Test
    void officialNodeWithWrongCredentialsIsRefused() {
        try (LogRecorder log = new LogRecorder("io.natsboot.server.route.RouteConnection", Level.SEVERE)) {
            NatsServer java = node("java", null);
            OfficialNode official = OfficialNode.start("go", CLUSTER,
                    List.of(routeUrl("ruser:wrong@", java.clusterPort())));
            others.add(official);
            await().atMost(WAIT).until(() -> !log.lines().isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> peers(java).isEmpty());
            assertThat(official.log()).contains("Authorization Violation");
        }
    }
}
