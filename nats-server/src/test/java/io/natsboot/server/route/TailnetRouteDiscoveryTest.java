package io.natsboot.server.route;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.test.FakeTailscaled;
import io.natsboot.server.test.FakeTailscaled.Node;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Seeds from the Tailscale daemon's local API, against a stand-in daemon serving documents of the real shape. */
class TailnetRouteDiscoveryTest {

    private static final String LOG_NAME = TailnetRouteDiscovery.class.getName();

    private static final Node SELF = new Node("app-1", true, List.of("tag:nats"),
            List.of("100.64.0.1", "fd7a:115c:a1e0::1"));
    private static final Node DB = new Node("app-2", true, List.of("tag:nats", "tag:prod"),
            List.of("100.64.0.2", "fd7a:115c:a1e0::2"));
    private static final Node LAPTOP = new Node("alice-laptop", true, List.of(),
            List.of("100.64.0.3", "fd7a:115c:a1e0::3"));
    private static final Node GONE = new Node("app-4", false, List.of("tag:nats"),
            List.of("100.64.0.4", "fd7a:115c:a1e0::4"));
    private static final Node V6_ONLY = new Node("app-5", true, List.of("tag:nats"), List.of("fd7a:115c:a1e0::5"));

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<NatsServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        servers.forEach(NatsServer::shutdown);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private FakeTailscaled daemon(String name) throws IOException {
        FakeTailscaled d = new FakeTailscaled(dir.resolve(name + ".sock"));
        closeables.add(d);
        return d;
    }

    private static TailnetRouteDiscovery discovery(Path socket, String tag, String prefix, boolean ipv6) {
        return new TailnetRouteDiscovery(socket, 6222, tag, prefix, ipv6, Duration.ofMillis(200));
    }

    private static List<String> urls(List<RouteUrl> seeds) {
        return seeds.stream().map(RouteUrl::toString).toList();
    }

    @Test
    void onlinePeersAreSeedsAtTheirFirstIpv4AndTheClusterPort() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, DB, LAPTOP, GONE, V6_ONLY));
        assertThat(urls(discovery(d.socket(), null, null, false).seeds()))
                .containsExactly("nats-route://100.64.0.2:6222", "nats-route://100.64.0.3:6222");
        assertThat(d.requests().get(0))
                .startsWith("GET /localapi/v0/status HTTP/1.1\r\n")
                .contains("Host: local-tailscaled.sock\r\n", "Connection: close\r\n");
    }

    @Test
    void ipv6WhenAsked() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, DB, GONE, V6_ONLY));
        assertThat(urls(discovery(d.socket(), null, null, true).seeds())).containsExactly(
                "nats-route://[fd7a:115c:a1e0::2]:6222", "nats-route://[fd7a:115c:a1e0::5]:6222");
    }

    @Test
    void theNodeItselfIsNeverASeedEvenWhenListedAsAPeer() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, SELF, DB));
        assertThat(urls(discovery(d.socket(), null, null, false).seeds()))
                .containsExactly("nats-route://100.64.0.2:6222");
    }

    @Test
    void anAclTagFiltersPeersWithOrWithoutItsPrefix() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, DB, LAPTOP, GONE));
        assertThat(urls(discovery(d.socket(), "tag:nats", null, false).seeds()))
                .containsExactly("nats-route://100.64.0.2:6222");
        assertThat(urls(discovery(d.socket(), "prod", null, false).seeds()))
                .containsExactly("nats-route://100.64.0.2:6222");
        assertThat(discovery(d.socket(), "tag:other", null, false).seeds()).isEmpty();
    }

    @Test
    void aHostNamePrefixFiltersPeersIgnoringCase() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, DB, LAPTOP, GONE));
        assertThat(urls(discovery(d.socket(), null, "APP-", false).seeds()))
                .containsExactly("nats-route://100.64.0.2:6222");
        assertThat(urls(discovery(d.socket(), "nats", "alice", false).seeds())).isEmpty();
    }

    @Test
    void machinesJoiningAndLeavingTheTailnetJoinAndLeaveTheSeeds() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, DB));
        TailnetRouteDiscovery discovery = discovery(d.socket(), null, null, false);
        assertThat(urls(discovery.seeds())).containsExactly("nats-route://100.64.0.2:6222");
        Node back = new Node("app-4", true, GONE.tags(), GONE.ips());
        d.answer(FakeTailscaled.status("Running", SELF, back));
        assertThat(urls(discovery.seeds())).containsExactly("nats-route://100.64.0.4:6222");
    }

    @Test
    void aMissingSocketGivesNoSeedsAndOneWarningThenOneInfoWhenTheDaemonComesBack() throws IOException {
        Path socket = dir.resolve("later.sock");
        TailnetRouteDiscovery discovery = discovery(socket, null, null, false);
        try (LogRecorder log = new LogRecorder(LOG_NAME, Level.FINE)) {
            for (int i = 0; i < 3; i++) {
                assertThat(discovery.seeds()).isEmpty();
            }
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).contains("WARNING", "Tailnet route discovery", socket.toString(),
                    "no such socket");
            FakeTailscaled d = new FakeTailscaled(socket).answer(FakeTailscaled.status("Running", SELF, DB));
            closeables.add(d);
            assertThat(urls(discovery.seeds())).containsExactly("nats-route://100.64.0.2:6222");
            assertThat(discovery.seeds()).hasSize(1);
            assertThat(log.lines()).hasSize(2);
            assertThat(log.lines().get(1)).contains("INFO", "answers again");
        }
    }

    @Test
    void anErrorAnswerGivesNoSeedsAndOneWarningNamingIt() throws IOException {
        FakeTailscaled d = daemon("t").fail(500, "internal error: no backend\n");
        TailnetRouteDiscovery discovery = discovery(d.socket(), null, null, false);
        try (LogRecorder log = new LogRecorder(LOG_NAME, Level.FINE)) {
            assertThat(discovery.seeds()).isEmpty();
            assertThat(discovery.seeds()).isEmpty();
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).contains("WARNING", "HTTP 500: internal error: no backend");
        }
    }

    @Test
    void aLoggedOutDaemonGivesNoSeedsAndOneWarningSayingHowToLogIn() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("NeedsLogin", SELF, DB));
        TailnetRouteDiscovery discovery = discovery(d.socket(), null, null, false);
        try (LogRecorder log = new LogRecorder(LOG_NAME, Level.FINE)) {
            assertThat(discovery.seeds()).isEmpty();
            assertThat(discovery.seeds()).isEmpty();
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).contains("NeedsLogin", "tailscale up");
        }
    }

    @Test
    void aDocumentThatIsNotJsonGivesNoSeeds() throws IOException {
        FakeTailscaled d = daemon("t").answer("<html>not the local API</html>");
        try (LogRecorder log = new LogRecorder(LOG_NAME, Level.FINE)) {
            assertThat(discovery(d.socket(), null, null, false).seeds()).isEmpty();
            assertThat(log.lines()).singleElement().asString().contains("not JSON");
        }
    }

    @Test
    void selfAddressIsTheNodesOwnTailscaleAddress() throws IOException {
        FakeTailscaled d = daemon("t").answer(FakeTailscaled.status("Running", SELF, DB));
        assertThat(discovery(d.socket(), null, null, false).selfAddress()).isEqualTo("100.64.0.1");
        assertThat(discovery(d.socket(), null, null, true).selfAddress()).isEqualTo("fd7a:115c:a1e0::1");
        d.answer(FakeTailscaled.status("NeedsLogin", SELF));
        assertThatThrownBy(() -> discovery(d.socket(), null, null, false).selfAddress())
                .hasMessageContaining("NeedsLogin");
        assertThatThrownBy(() -> discovery(dir.resolve("none.sock"), null, null, false).selfAddress())
                .isInstanceOf(IOException.class);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new TailnetRouteDiscovery(dir, 0, null, null, false, Duration.ofSeconds(1)))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new TailnetRouteDiscovery(dir, 6222, null, null, false, Duration.ZERO))
                .hasMessageContaining("refresh interval");
    }

    @Test
    void aDaemonThatDoesNotAnswerTimesOut() throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // connections wait in the backlog, never answered
            assertThatThrownBy(() -> new TailscaleLocalApi(socket, Duration.ofMillis(300)).get("/localapi/v0/status"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no answer within 300 ms");
        }
    }

    @Test
    void httpAnswersAreReadWithContentLengthOrChunked() throws IOException {
        assertThat(TailscaleLocalApi.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))).isEqualTo("{}");
        assertThat(TailscaleLocalApi.parse(bytes("HTTP/1.1 200 OK\r\n\r\n{\"a\":1}"))).isEqualTo("{\"a\":1}");
        assertThat(TailscaleLocalApi.parse(bytes(
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\n{\"a\r\nB;ext=1\r\n\":\"é1234\"}\r\n0\r\n\r\n")))
                .isEqualTo("{\"a\":\"é1234\"}");
        assertThatThrownBy(() -> TailscaleLocalApi.parse(bytes("HTTP/1.1 403 Forbidden\r\n\r\naccess denied")))
                .hasMessage("HTTP 403: access denied");
        assertThatThrownBy(() -> TailscaleLocalApi.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}")))
                .hasMessageContaining("ended after 2 of 9");
        assertThatThrownBy(() -> TailscaleLocalApi.parse(bytes(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{}"))).hasMessageContaining("ended early");
        assertThatThrownBy(() -> TailscaleLocalApi.parse(bytes("SSH-2.0-x\r\n\r\n")))
                .hasMessageContaining("not an HTTP answer");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Three nodes, each asking its own daemon which lists the other two as peers on loopback addresses of their own
     * (127.0.0.11-13, all on one cluster port as on a real tailnet), bind their cluster listeners to their "Tailscale"
     * address and form a full mesh with no configured route.
     */
    @Test
    void threeNodesFormAFullMeshFromTailnetDiscoveryAlone() throws Exception {
        int port = freePort();
        List<Node> nodes = List.of(
                new Node("nats-a", true, List.of("tag:nats"), List.of("127.0.0.11", "fd7a:115c:a1e0::11")),
                new Node("nats-b", true, List.of("tag:nats"), List.of("127.0.0.12", "fd7a:115c:a1e0::12")),
                new Node("nats-c", true, List.of("tag:nats"), List.of("127.0.0.13", "fd7a:115c:a1e0::13")));
        for (int i = 0; i < 3; i++) {
            Node self = nodes.get(i);
            Node[] peers = nodes.stream().filter(n -> n != self).toArray(Node[]::new);
            FakeTailscaled d = daemon(self.hostName()).answer(FakeTailscaled.status("Running", self, peers));
            TailnetRouteDiscovery discovery = new TailnetRouteDiscovery(d.socket(), port, "nats", null, false,
                    Duration.ofMillis(200));
            String bind = discovery.selfAddress();
            servers.add(TestServers.start(o -> {
                o.setServerName(self.hostName()).getCluster().setName("tailnet").setHost(bind).setPort(port);
                o.getCluster().getDiscovery().add(discovery);
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.stream().allMatch(s -> peersOf(s) == 2));
        assertThat(servers.get(0).monitor().cluster().discovered()).singleElement().satisfies(d -> {
            assertThat(d.source()).startsWith("tailnet:").endsWith("nats-a.sock");
            assertThat(d.seeds()).containsExactly("nats-route://127.0.0.12:" + port, "nats-route://127.0.0.13:" + port);
        });
        for (NatsServer s : servers) {
            assertThat(s.routeManager().routes()).allSatisfy(r -> assertThat(r.remote().serverId())
                    .isIn(servers.stream().map(NatsServer::serverId).toList()));
        }
    }

    private static long peersOf(NatsServer s) {
        return s.routeManager().routes().stream().map(r -> r.remote().serverId()).distinct().count();
    }

    /** A port free on the loopback addresses the mesh test binds; all three nodes listen on it, each its own host. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.11"))) {
            return probe.getLocalPort();
        }
    }
}
