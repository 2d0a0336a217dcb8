package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestCluster;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The INFO line a fresh connection gets. */
final class RawClientProbe implements AutoCloseable {
    private final io.natsboot.server.test.RawClient client;

    RawClientProbe(int port) throws java.io.IOException {
        client = io.natsboot.server.test.RawClient.connect(port);
    }

    String info() {
        return client.info();
    }

    @Override
    public void close() throws java.io.IOException {
        client.close();
    }
}

/** natsboot nodes in one JVM forming a full mesh from one seed, and serving clients across it. */
class ClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestCluster cluster = new TestCluster("test");

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
    }

    private List<NatsServer> mesh(int size) {
        NatsServer seed = cluster.node("n1", null);
        for (int i = 2; i <= size; i++) {
            cluster.node("n" + i, seed);
        }
        awaitFullMesh();
        return cluster.servers();
    }

    private void awaitFullMesh() {
        await().atMost(WAIT).untilAsserted(() -> {
            for (NatsServer s : cluster.servers()) {
                Set<String> peers = s.routeManager().routes().stream().map(r -> r.remote().serverId())
                        .collect(Collectors.toSet());
                Set<String> others = cluster.servers().stream().filter(o -> o != s).map(NatsServer::serverId)
                        .collect(Collectors.toSet());
                assertThat(peers).as(s.serverName() + "'s routes").isEqualTo(others);
            }
        });
    }

    private Connection connect(NatsServer server) throws Exception {
        Connection c = Nats.connect(new Options.Builder().server(server.clientUrl()).build());
        cluster.keep(c);
        return c;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void threeNodesFormAFullMeshFromOneSeed() {
        mesh(3);
    }

    @Test
    void fiveNodesFormAFullMeshFromOneSeed() {
        mesh(5);
    }

    @Test
    void messagesCrossTheCluster() throws Exception {
        List<NatsServer> nodes = mesh(3);
        Connection sub = connect(nodes.get(0));
        Connection pub = connect(nodes.get(2));
        Subscription s = sub.subscribe("orders.*");
        sub.flush(WAIT);
        await().atMost(WAIT).until(() -> !nodes.get(2).subjects().match("orders.eu").isEmpty());
        pub.publish("orders.eu", utf8("hello"));
        Message m = s.nextMessage(WAIT);
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(m.getSubject()).isEqualTo("orders.eu");
    }

    @Test
    void requestReplyAcrossNodes() throws Exception {
        List<NatsServer> nodes = mesh(3);
        Connection responder = connect(nodes.get(1));
        responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData())).subscribe("echo");
        responder.flush(WAIT);
        Connection requester = connect(nodes.get(0));
        await().atMost(WAIT).until(() -> !nodes.get(0).subjects().match("echo").isEmpty());
        Message reply = requester.request("echo", utf8("ping"), WAIT);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("ping");
    }

    @Test
    void queueGroupSpreadOverThreeNodesGetsEachMessageOnce() throws Exception {
        List<NatsServer> nodes = mesh(3);
        int messages = 1000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger[] perNode = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        for (int i = 0; i < 3; i++) {
            Connection c = connect(nodes.get(i));
            int node = i;
            Dispatcher d = c.createDispatcher(m -> {
                seen.add(new String(m.getData(), StandardCharsets.UTF_8));
                total.incrementAndGet();
                perNode[node].incrementAndGet();
            });
            d.subscribe("jobs", "workers");
            c.flush(WAIT);
        }
        // every node knows the two remote members before publishing
        await().atMost(WAIT).untilAsserted(() -> {
            for (NatsServer s : nodes) {
                assertThat(s.subjects().match("jobs").queueMemberCount(0)).isEqualTo(3);
            }
        });
        Connection pub = connect(nodes.get(0));
        for (int i = 0; i < messages; i++) {
            pub.publish("jobs", utf8(Integer.toString(i)));
        }
        pub.flush(WAIT);
        await().atMost(WAIT).until(() -> total.get() >= messages);
        for (Connection c : cluster.connections()) {
            c.flush(WAIT);
        }
        assertThat(total.get()).isEqualTo(messages);
        assertThat(seen).hasSize(messages);
        for (AtomicInteger n : perNode) {
            assertThat(n.get()).isGreaterThan(messages / 10);
        }
    }

    @Test
    void unsubscribeWithdrawsInterestOnEveryNode() throws Exception {
        List<NatsServer> nodes = mesh(3);
        Connection c = connect(nodes.get(1));
        Subscription s = c.subscribe("gone.soon");
        c.flush(WAIT);
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> !n.subjects().match("gone.soon").isEmpty()));
        s.unsubscribe();
        c.flush(WAIT);
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> n.subjects().match("gone.soon").isEmpty()));
    }

    @Test
    void monitoringShowsTheRoutes() throws Exception {
        NatsServer seed = TestServers.start(o -> o.setServerName("mon").setHttpPort(0).getCluster().setName("test")
                .setHost("127.0.0.1").setPort(0));
        cluster.add(seed);
        cluster.node("n2", seed);
        cluster.node("n3", seed);
        awaitFullMesh();
        var http = java.net.http.HttpClient.newHttpClient();
        var routez = io.natsboot.server.json.JsonReader.parseObject(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + seed.httpPort() + "/routez")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(routez).containsEntry("num_routes", 2L);
        var varz = io.natsboot.server.json.JsonReader.parseObject(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + seed.httpPort() + "/varz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(varz).containsEntry("routes", 2L);
        @SuppressWarnings("unchecked")
        var cluster = (java.util.Map<String, Object>) varz.get("cluster");
        assertThat(cluster).containsEntry("name", "test").containsEntry("cluster_port", (long) seed.clusterPort());
    }

    @Test
    void nodesWithoutAClusterNameAgreeOnOne() {
        NatsServer a = TestServers.start(o -> o.setServerName("a").getCluster().setHost("127.0.0.1").setPort(0));
        cluster.add(a);
        NatsServer b = TestServers.start(o -> o.setServerName("b").getCluster().setHost("127.0.0.1").setPort(0)
                .getRoutes().add("nats-route://127.0.0.1:" + a.clusterPort()));
        cluster.add(b);
        awaitFullMesh();
        assertThat(a.routeManager().clusterName()).isEqualTo(b.routeManager().clusterName());
    }

    @Test
    void aRouteToItselfIsDropped() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        NatsServer self = TestServers.start(o -> o.setServerName("self").getCluster().setName("test")
                .setHost("127.0.0.1").setPort(port).getRoutes().add("nats-route://127.0.0.1:" + port));
        cluster.add(self);
        NatsServer other = cluster.node("other", self);
        awaitFullMesh();
        assertThat(self.routeManager().routes()).extracting(r -> r.remote().serverId())
                .containsExactly(other.serverId());
    }

    @Test
    void clientAdvertiseAndNoAdvertiseShapeTheUrlsClientsGet() throws Exception {
        NatsServer seed = TestServers.start(o -> o.setServerName("adv").setClientAdvertise("nats.example.com:4222")
                .getCluster().setName("test").setHost("127.0.0.1").setPort(0));
        cluster.add(seed);
        NatsServer quiet = TestServers.start(o -> o.setServerName("quiet").getCluster().setName("test")
                .setHost("127.0.0.1").setPort(0).setNoAdvertise(true)
                .getRoutes().add("nats-route://127.0.0.1:" + seed.clusterPort()));
        cluster.add(quiet);
        awaitFullMesh();
        // the seed advertises its public address; the quiet node gives neither its clients nor its peers any URL
        assertThat(seed.routeManager().clusterClientUrls()).containsExactly("nats.example.com:4222");
        assertThat(quiet.routeManager().clusterClientUrls()).isEmpty();
        try (RawClientProbe probe = new RawClientProbe(quiet.port())) {
            assertThat(probe.info()).doesNotContain("connect_urls");
        }
        try (RawClientProbe probe = new RawClientProbe(seed.port())) {
            assertThat(probe.info()).contains("\"connect_urls\":[\"nats.example.com:4222\"]");
        }
    }

    @Test
    void clientsLearnTheClusterUrls() throws Exception {
        List<NatsServer> nodes = mesh(3);
        Connection c = connect(nodes.get(0));
        await().atMost(WAIT).untilAsserted(() -> assertThat(c.getServers()).hasSize(3));
    }

    @Test
    void aStoppedNodeRejoinsAndTheMeshIsFullAgain() throws Exception {
        List<NatsServer> nodes = mesh(3);
        NatsServer third = nodes.get(2);
        third.shutdown();
        cluster.servers().remove(third);
        awaitFullMesh();
        cluster.node("n3-again", nodes.get(0));
        awaitFullMesh();
        assertThat(cluster.servers()).hasSize(3);
    }

    @Test
    void aClientFailsOverWhenItsNodeStops() throws Exception {
        List<NatsServer> nodes = mesh(3);
        Connection sub = Nats.connect(new Options.Builder().server(nodes.get(0).clientUrl())
                .reconnectWait(Duration.ofMillis(100)).maxReconnects(-1).build());
        cluster.keep(sub);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sub.getServers()).hasSize(3));
        List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        sub.createDispatcher(m -> got.add(new String(m.getData(), StandardCharsets.UTF_8))).subscribe("news");
        sub.flush(WAIT);
        Connection pub = connect(nodes.get(2));
        await().atMost(WAIT).until(() -> !nodes.get(2).subjects().match("news").isEmpty());
        pub.publish("news", utf8("before"));
        await().atMost(WAIT).until(() -> got.contains("before"));
        nodes.get(0).shutdown();
        await().atMost(WAIT).until(() -> sub.getStatus() == Connection.Status.CONNECTED
                && !sub.getConnectedUrl().endsWith(":" + nodes.get(0).port()));
        await().atMost(WAIT).until(() -> !nodes.get(2).subjects().match("news").isEmpty());
        pub.publish("news", utf8("after"));
        await().atMost(WAIT).until(() -> got.contains("after"));
    }
}
