package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clusters of official nats-server 2.9.10 processes and natsboot nodes: the mesh forms whichever side seeds, and
 * clients see one system across both kinds of node.
 */
class MixedClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLUSTER = "mixed";

    private final List<NatsServer> natsboots = new ArrayList<>();
    private final List<OfficialNode> officials = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private int probes;

    /** A cluster member of either kind. */
    private record Node(String name, String id, String clientUrl, boolean official, Supplier<Set<String>> peers) {
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        for (NatsServer s : natsboots) {
            s.shutdown();
        }
        for (OfficialNode o : officials) {
            o.close();
            if (System.getenv("MIXED_LOG_DIR") != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("MIXED_LOG_DIR"),
                        o.name() + "-" + System.nanoTime() + ".log"), o.log());
            }
        }
    }

    private Node natsboot(String name, String seedRoute) {
        NatsServer server = TestServers.start(o -> {
            o.setServerName(name).getCluster().setName(CLUSTER).setHost("127.0.0.1").setPort(0);
            if (seedRoute != null) {
                o.getCluster().getRoutes().add(seedRoute);
            }
        });
        natsboots.add(server);
        Node node = new Node(name, server.serverId(), server.clientUrl(), false,
                () -> server.routeManager().routes().stream().map(r -> r.remote().serverId())
                        .collect(Collectors.toSet()));
        nodes.add(node);
        return node;
    }

    private static String routeUrlOf(NatsServer server) {
        return "nats-route://127.0.0.1:" + server.clusterPort();
    }

    private Node official(String name, String seedRoute) {
        OfficialNode official = OfficialNode.start(name, CLUSTER, seedRoute == null ? List.of() : List.of(seedRoute));
        officials.add(official);
        Node node = new Node(name, official.serverId(), official.clientUrl(), true, official::routePeerIds);
        nodes.add(node);
        return node;
    }

    private void awaitFullMesh() {
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                for (Node n : nodes) {
                    Set<String> others = nodes.stream().filter(o -> o != n).map(Node::id).collect(Collectors.toSet());
                    assertThat(n.peers().get()).as(n.name() + "'s routes").isEqualTo(others);
                }
            });
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + officialLogs(), e);
        }
    }

    private String officialLogs() {
        StringBuilder sb = new StringBuilder();
        for (OfficialNode o : officials) {
            sb.append("---- ").append(o.name()).append(" log ----\n").append(o.log()).append('\n');
        }
        return sb.toString();
    }

    private Connection connect(Node node) throws Exception {
        Connection c = Nats.connect(new Options.Builder().server(node.clientUrl()).noReconnect().build());
        connections.add(c);
        return c;
    }

    /**
     * Waits until every subscription {@code subscriber} made so far is known where {@code publisher} is connected:
     * a probe subscribed after them reaches the publisher's server behind them on the same route, so once a probe
     * message comes through, so has the earlier interest.
     */
    private void awaitInterest(Connection subscriber, Connection publisher) throws Exception {
        String probe = "probe." + (++probes);
        Subscription s = subscriber.subscribe(probe);
        subscriber.flush(WAIT);
        await().atMost(WAIT).until(() -> {
            publisher.publish(probe, new byte[0]);
            return s.nextMessage(Duration.ofMillis(100)) != null;
        });
        s.unsubscribe();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    // ---- topologies ----

    @Test
    void natsbootSeedsFromTwoOfficialNodes() throws Exception {
        official("o1", null);
        official("o2", routeUrlOfficial(0));
        natsboot("n1", routeUrlOfficial(0));
        awaitFullMesh();
        exerciseCluster();
    }

    @Test
    void twoNatsbootNodesSeedFromOneOfficialNode() throws Exception {
        official("o1", null);
        natsboot("n1", routeUrlOfficial(0));
        natsboot("n2", routeUrlOfficial(0));
        awaitFullMesh();
        exerciseCluster();
    }

    @Test
    void twoOfficialNodesSeedFromOneNatsbootNode() throws Exception {
        natsboot("n1", null);
        official("o1", routeUrlOf(natsboots.get(0)));
        official("o2", routeUrlOf(natsboots.get(0)));
        awaitFullMesh();
        exerciseCluster();
    }

    @Test
    void officialNodeSeedsFromTwoNatsbootNodes() throws Exception {
        natsboot("n1", null);
        natsboot("n2", routeUrlOf(natsboots.get(0)));
        official("o1", routeUrlOf(natsboots.get(0)));
        awaitFullMesh();
        exerciseCluster();
    }

    private String routeUrlOfficial(int i) {
        return officials.get(i).routeUrl();
    }

    // ---- traffic ----

    private void exerciseCluster() throws Exception {
        Node official = nodes.stream().filter(Node::official).findFirst().orElseThrow();
        Node natsboot = nodes.stream().filter(n -> !n.official()).findFirst().orElseThrow();
        pubSubAndWildcards(official, natsboot);
        pubSubAndWildcards(natsboot, official);
        headers(official, natsboot);
        headers(natsboot, official);
        requestReply(official, natsboot);
        requestReply(natsboot, official);
        queueGroupExactlyOnce();
        clientsLearnEveryNodesUrl();
        assertNoOfficialErrors();
    }

    /** The official nodes logged no error about their routes (protocol complaints show up as [ERR]). */
    private void assertNoOfficialErrors() {
        for (OfficialNode o : officials) {
            List<String> errors = o.log().lines().filter(l -> l.contains("[ERR]"))
                    .filter(l -> !l.contains("Error trying to connect to route")).toList();
            assertThat(errors).as(o.name() + " errors").isEmpty();
        }
    }

    private void pubSubAndWildcards(Node subNode, Node pubNode) throws Exception {
        Connection sub = connect(subNode);
        Connection pub = connect(pubNode);
        Subscription literal = sub.subscribe("mx.orders.eu");
        Subscription star = sub.subscribe("mx.*.eu");
        Subscription gt = sub.subscribe("mx.>");
        Subscription other = sub.subscribe("mx.nothing");
        awaitInterest(sub, pub);
        pub.publish("mx.orders.eu", utf8("one"));
        pub.publish("mx.orders.us", utf8("two"));
        pub.publish("mx.a.b.c", "reply.here", utf8("three"));
        pub.flush(WAIT);
        String dir = subNode.name() + "<-" + pubNode.name();
        Message m = literal.nextMessage(WAIT);
        assertThat(m).as(dir + " literal").isNotNull();
        assertThat(text(m)).isEqualTo("one");
        m = star.nextMessage(WAIT);
        assertThat(m).as(dir + " star").isNotNull();
        assertThat(m.getSubject()).isEqualTo("mx.orders.eu");
        List<String> viaGt = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message g = gt.nextMessage(WAIT);
            assertThat(g).as(dir + " > message " + i).isNotNull();
            viaGt.add(g.getSubject() + ":" + text(g) + ":" + g.getReplyTo());
        }
        assertThat(viaGt).containsExactly("mx.orders.eu:one:null", "mx.orders.us:two:null",
                "mx.a.b.c:three:reply.here");
        // one delivery per subscription, never duplicated by the route
        assertThat(literal.nextMessage(Duration.ofMillis(200))).isNull();
        assertThat(star.nextMessage(Duration.ofMillis(1))).isNull();
        assertThat(gt.nextMessage(Duration.ofMillis(1))).isNull();
        assertThat(other.nextMessage(Duration.ofMillis(1))).isNull();
        literal.unsubscribe();
        star.unsubscribe();
        gt.unsubscribe();
        other.unsubscribe();
    }

    private void headers(Node subNode, Node pubNode) throws Exception {
        Connection sub = connect(subNode);
        Connection pub = connect(pubNode);
        Subscription s = sub.subscribe("mx.hdr");
        awaitInterest(sub, pub);
        Headers h = new Headers().add("X-Key", "v1", "v2").add("Other", "x y");
        pub.publish("mx.hdr", h, utf8("with headers"));
        pub.flush(WAIT);
        Message m = s.nextMessage(WAIT);
        assertThat(m).as("header message " + subNode.name() + "<-" + pubNode.name()).isNotNull();
        assertThat(m.getHeaders().get("X-Key")).containsExactly("v1", "v2");
        assertThat(m.getHeaders().getFirst("Other")).isEqualTo("x y");
        assertThat(text(m)).isEqualTo("with headers");
        s.unsubscribe();
    }

    private void requestReply(Node responderNode, Node requesterNode) throws Exception {
        Connection responder = connect(responderNode);
        Connection requester = connect(requesterNode);
        responder.createDispatcher(m -> responder.publish(m.getReplyTo(), utf8("re:" + text(m))))
                .subscribe("mx.echo." + responderNode.name());
        awaitInterest(responder, requester);
        for (int i = 0; i < 5; i++) {
            Message reply = requester.request("mx.echo." + responderNode.name(), utf8("q" + i), WAIT);
            assertThat(reply).as("reply " + i + " " + requesterNode.name() + "->" + responderNode.name())
                    .isNotNull();
            assertThat(text(reply)).isEqualTo("re:q" + i);
        }
    }

    /** connect_urls crossed the routes both ways: a client of any node is told of every node's client URL. */
    private void clientsLearnEveryNodesUrl() throws Exception {
        List<String> all = nodes.stream().map(n -> n.clientUrl().substring("nats://".length())).toList();
        for (Node n : nodes) {
            Connection c = connect(n);
            await().atMost(WAIT).untilAsserted(() -> assertThat(c.getServers().stream()
                    .map(u -> u.replaceFirst("^nats://", "")).toList())
                    .as("servers known to a client of " + n.name()).containsAll(all));
        }
    }

    @Test
    void bothSidesDialEachOtherAndKeepOneRoute() throws Exception {
        int natsbootClusterPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            natsbootClusterPort = free.getLocalPort();
        }
        official("o1", "nats-route://127.0.0.1:" + natsbootClusterPort);
        NatsServer server = TestServers.start(o -> {
            o.setServerName("n1").getCluster().setName(CLUSTER).setHost("127.0.0.1").setPort(natsbootClusterPort)
                    .getRoutes().add(routeUrlOfficial(0));
        });
        natsboots.add(server);
        nodes.add(new Node("n1", server.serverId(), server.clientUrl(), false,
                () -> server.routeManager().routes().stream().map(r -> r.remote().serverId())
                        .collect(Collectors.toSet())));
        awaitFullMesh();
        // the official node's seed dialer gets its turn too (its first try met a closed port), making a duplicate
        await().atMost(WAIT).until(() -> officials.get(0).log().contains("Route connect msg sent"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(officials.get(0).routePeerIdList()).containsExactly(server.serverId());
            assertThat(server.routeManager().routes()).hasSize(1);
        });
        // still one route each way once both dialers have had their go, and it carries messages
        Connection sub = connect(nodes.get(0));
        Connection pub = connect(nodes.get(1));
        Subscription s = sub.subscribe("dup.x");
        awaitInterest(sub, pub);
        for (int i = 0; i < 3; i++) {
            pub.publish("dup.x", utf8("m" + i));
        }
        pub.flush(WAIT);
        for (int i = 0; i < 3; i++) {
            assertThat(s.nextMessage(WAIT)).as("message " + i).isNotNull();
        }
        assertThat(s.nextMessage(Duration.ofMillis(100))).isNull();
        assertThat(server.routeManager().routes()).hasSize(1);
        assertThat(officials.get(0).routePeerIdList()).containsExactly(server.serverId());
        assertNoOfficialErrors();
    }

    @Test
    void queueWeightsFromTheOfficialNodeCount() throws Exception {
        Node o1 = official("o1", null);
        Node n1 = natsboot("n1", routeUrlOfficial(0));
        awaitFullMesh();
        int messages = 1000;
        AtomicInteger onOfficial = new AtomicInteger();
        AtomicInteger onNatsboot = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Connection> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection c = connect(o1);
            c.createDispatcher(m -> {
                seen.add(text(m));
                onOfficial.incrementAndGet();
            }).subscribe("mx.weighted", "w");
            members.add(c);
        }
        Connection local = connect(n1);
        local.createDispatcher(m -> {
            seen.add(text(m));
            onNatsboot.incrementAndGet();
        }).subscribe("mx.weighted", "w");
        members.add(local);
        Connection pub = connect(n1);
        for (Connection m : members) {
            awaitInterest(m, pub);
        }
        for (int i = 0; i < messages; i++) {
            pub.publish("mx.weighted", utf8(Integer.toString(i)));
        }
        pub.flush(WAIT);
        await().atMost(WAIT).until(() -> onOfficial.get() + onNatsboot.get() >= messages);
        for (Connection m : members) {
            m.flush(WAIT);
        }
        assertThat(onOfficial.get() + onNatsboot.get()).isEqualTo(messages);
        assertThat(seen).hasSize(messages);
        // three of the four members are on the official node: it gets about 750, far more than 500
        assertThat(onOfficial.get()).as("official share").isBetween(620, 880);
    }

    @Test
    void officialSeedThroughCutAndHealedProxy() throws Exception {
        Node n1 = natsboot("n1", null);
        try (TcpProxy proxy = new TcpProxy(natsboots.get(0).clusterPort())) {
            Node o1 = official("o1", "nats-route://127.0.0.1:" + proxy.port());
            awaitFullMesh();
            Connection onO = connect(o1);
            Subscription s = onO.subscribe("heal.x");
            Connection onN = connect(n1);
            awaitInterest(onO, onN);
            proxy.cut();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(natsboots.get(0).routeManager().routes()).isEmpty();
                assertThat(natsboots.get(0).subjects().match("heal.x").isEmpty()).isTrue();
                assertThat(officials.get(0).routePeerIds()).isEmpty();
            });
            proxy.heal();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(natsboots.get(0).routeManager().routes()).hasSize(1);
                assertThat(officials.get(0).routePeerIds()).containsExactly(n1.id());
            });
            awaitInterest(onO, onN);
            onN.publish("heal.x", utf8("after heal"));
            onN.flush(WAIT);
            Message m = s.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(text(m)).isEqualTo("after heal");
            assertNoOfficialErrors();
        }
    }

    private void queueGroupExactlyOnce() throws Exception {
        int messages = 1000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger total = new AtomicInteger();
        List<AtomicInteger> perNode = new ArrayList<>();
        List<Connection> members = new ArrayList<>();
        for (Node n : nodes) {
            Connection c = connect(n);
            AtomicInteger count = new AtomicInteger();
            perNode.add(count);
            Dispatcher d = c.createDispatcher(m -> {
                seen.add(text(m));
                total.incrementAndGet();
                count.incrementAndGet();
            });
            d.subscribe("mx.jobs", "workers");
            c.flush(WAIT);
            members.add(c);
        }
        // publish half from an official node and half from a natsboot node
        Node official = nodes.stream().filter(Node::official).findFirst().orElseThrow();
        Node natsboot = nodes.stream().filter(n -> !n.official()).findFirst().orElseThrow();
        Connection pubOfficial = connect(official);
        Connection pubNatsboot = connect(natsboot);
        for (Connection member : members) {
            awaitInterest(member, pubOfficial);
            awaitInterest(member, pubNatsboot);
        }
        for (int i = 0; i < messages; i++) {
            (i % 2 == 0 ? pubOfficial : pubNatsboot).publish("mx.jobs", utf8(Integer.toString(i)));
        }
        pubOfficial.flush(WAIT);
        pubNatsboot.flush(WAIT);
        await().atMost(WAIT).until(() -> total.get() >= messages);
        // give a duplicate, if any, a moment to show up: flush every member's connection round trip
        for (Connection member : members) {
            member.flush(WAIT);
        }
        assertThat(total.get()).as("deliveries").isEqualTo(messages);
        assertThat(seen).hasSize(messages);
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(perNode.get(i).get()).as("messages on " + nodes.get(i).name()).isPositive();
        }
    }
}
