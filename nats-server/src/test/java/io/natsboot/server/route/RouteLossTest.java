package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.subject.SubjectMatch;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route whose socket ends (FIN) or is reset (RST) is gone in the event-loop turn that sees it: its peer's interest,
 * its /routez entry and its queue-group members disappear before anything else runs on that loop, so no message can
 * be routed into the dead socket after the server knew it was dead.
 */
class RouteLossTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PEER_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"PEERX\",\"cluster\":\"loss\"}\r\n";
    private static final String PEER_INFO = "INFO {\"server_id\":\"PEERX\",\"server_name\":\"peer\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,"
            + "\"max_payload\":1048576,\"cluster\":\"loss\",\"connect_urls\":[]}\r\n";

    private NatsServer server;
    private RawClient peer;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.shutdown();
        }
    }

    /** What the server held about the peer at the moment its route channel's close completed. */
    private record AtClose(int routes, int routezEntries, boolean plainInterest, int remoteQueueMembers) {
    }

    @ParameterizedTest(name = "peer socket {0}")
    @ValueSource(strings = {"ended", "reset"})
    void deadRouteIsRemovedInTheTurnThatSeesIt(String how) throws Exception {
        server = TestServers.start(o -> o.setServerName("a").getCluster().setName("loss").setHost("127.0.0.1")
                .setPort(0));
        Connection local = Nats.connect(new Options.Builder().server(server.clientUrl()).noReconnect().build());
        connections.add(local);
        AtomicInteger localWorker = new AtomicInteger();
        Dispatcher d = local.createDispatcher(m -> localWorker.incrementAndGet());
        d.subscribe("work", "workers");
        local.flush(WAIT);

        peer = RawClient.connect(server.routeManager().clusterPort());
        peer.send(PEER_CONNECT + PEER_INFO + "RS+ $G plain.x\r\nRS+ $G work workers 1\r\nPING\r\n");
        assertThat(peer.readUntil(t -> t.contains("PONG\r\n"), WAIT)).as(peer.transcript()).isTrue();
        await().atMost(WAIT).until(() -> remoteQueueMembers(server.subjects().match("work")) == 1
                && !server.subjects().match("plain.x").isEmpty());
        RouteConnection route = server.routeManager().routes().get(0);
        assertThat(server.monitor().routez(false, false).routes()).hasSize(1);

        // runs on the route's event loop right after the close completes, before any later task of that loop
        CompletableFuture<AtClose> atClose = new CompletableFuture<>();
        route.channel().closeFuture().addListener(f -> atClose.complete(new AtClose(
                server.routeManager().routes().size(),
                server.monitor().routez(false, false).routes().size(),
                !server.subjects().match("plain.x").isEmpty(),
                remoteQueueMembers(server.subjects().match("work")))));
        if (how.equals("reset")) {
            peer.reset();
        } else {
            peer.close();
        }

        assertThat(atClose.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new AtClose(0, 0, false, 0));

        // every message published from now on goes to the local member: one picked for the dead peer would be lost
        int messages = 200;
        for (int i = 0; i < messages; i++) {
            local.publish("work", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        local.flush(WAIT);
        await().atMost(WAIT).until(() -> localWorker.get() >= messages);
        assertThat(localWorker.get()).isEqualTo(messages);
    }

    private static int remoteQueueMembers(SubjectMatch<Subscription> match) {
        int remote = 0;
        for (int g = 0; g < match.queueGroupCount(); g++) {
            for (int i = 0; i < match.queueMemberCount(g); i++) {
                if (match.queueMember(g, i).isRemote()) {
                    remote++;
                }
            }
        }
        return remote;
    }
}
