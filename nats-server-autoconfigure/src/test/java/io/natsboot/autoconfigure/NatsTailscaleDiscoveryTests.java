package io.natsboot.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.natsboot.boot.actuate.endpoint.NatsEndpoint;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.TailnetRouteDiscovery;
import io.natsboot.server.test.FakeTailscaled;
import io.natsboot.server.test.FakeTailscaled.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code nats.server.cluster.discovery.tailscale.*}, against a stand-in for the Tailscale daemon's local API (there is
 * no tailnet on a build machine).
 */
class NatsTailscaleDiscoveryTests {

    private static final String TS = "nats.server.cluster.discovery.tailscale.";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @TempDir
    Path dir;

    private static TailnetRouteDiscovery tailnet(ServerOptions options) {
        return options.getCluster()
            .getDiscovery()
            .stream()
            .filter(TailnetRouteDiscovery.class::isInstance)
            .map(TailnetRouteDiscovery.class::cast)
            .findFirst()
            .orElseThrow();
    }

    @Test
    void offByDefault() {
        ServerOptions options = NatsServerAutoConfiguration.serverOptions(new NatsServerProperties());
        assertThat(options.getCluster().getDiscovery()).isEmpty();
    }

    @Test
    void enabledWithOnePropertyAndTheClusterPortAsTheSeedsPort() {
        this.contextRunner
            .withPropertyValues(TS + "enabled=true", "nats.server.cluster.port=0", "nats.server.cluster.host=127.0.0.1")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                TailnetRouteDiscovery t = tailnet(context.getBean(EmbeddedNatsServer.class).getOptions());
                assertThat(t.socket()).isEqualTo(Path.of("/var/run/tailscale/tailscaled.sock"));
                assertThat(t.port()).isEqualTo(6222);
                assertThat(t.tag()).isNull();
            });
        NatsServerProperties properties = new NatsServerProperties();
        properties.getCluster().setPort(7222);
        properties.getCluster().getDiscovery().getTailscale().setEnabled(true);
        properties.getCluster().getDiscovery().getTailscale().setTag("nats");
        properties.getCluster().getDiscovery().getTailscale().setHostPrefix("orders-");
        properties.getCluster().getDiscovery().getTailscale().setSocket("/run/ts.sock");
        properties.getCluster().getDiscovery().getTailscale().setIpv6(true);
        properties.getCluster().getDiscovery().setRefreshInterval(Duration.ofSeconds(3));
        TailnetRouteDiscovery t = tailnet(NatsServerAutoConfiguration.serverOptions(properties));
        assertThat(t.port()).isEqualTo(7222);
        assertThat(t.tag()).isEqualTo("tag:nats");
        assertThat(t.hostPrefix()).isEqualTo("orders-");
        assertThat(t.socket()).isEqualTo(Path.of("/run/ts.sock"));
        assertThat(t.ipv6()).isTrue();
        assertThat(t.refreshInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badSettingsFailStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues(TS + "enabled=true", TS + "port=70000").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(NatsServerAutoConfigurationTests.rootCause(context.getStartupFailure()))
                .hasMessageContaining(TS + "port");
        });
        this.contextRunner.withPropertyValues(TS + "enabled=true", TS + "socket= ").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(NatsServerAutoConfigurationTests.rootCause(context.getStartupFailure()))
                .hasMessageContaining(TS + "socket");
        });
        this.contextRunner.withPropertyValues(TS + "bind=true").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(NatsServerAutoConfigurationTests.rootCause(context.getStartupFailure()))
                .hasMessageContaining(TS + "bind")
                .hasMessageContaining(TS + "enabled=true");
        });
    }

    @Test
    void bindWithoutADaemonFailsStartUpSayingWhy() {
        this.contextRunner
            .withPropertyValues(TS + "enabled=true", TS + "bind=true", TS + "socket=" + this.dir.resolve("none.sock"),
                    "nats.server.cluster.port=0")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(NatsServerAutoConfigurationTests.rootCause(context.getStartupFailure()))
                    .hasMessageContaining(TS + "bind")
                    .hasMessageContaining("Tailscale address is not known")
                    .hasMessageContaining("tailscale up");
            });
    }

    @Test
    void bindAndAClusterHostTogetherAreRefused() throws Exception {
        try (FakeTailscaled daemon = daemon("a", node("a", "127.0.0.21"))) {
            this.contextRunner
                .withPropertyValues(TS + "enabled=true", TS + "bind=true", TS + "socket=" + daemon.socket(),
                        "nats.server.cluster.port=0", "nats.server.cluster.host=0.0.0.0")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(NatsServerAutoConfigurationTests.rootCause(context.getStartupFailure()))
                        .hasMessageContaining("nats.server.cluster.host (0.0.0.0) is set too");
                });
        }
    }

    /**
     * Two applications on "two machines of one tailnet" (loopback addresses 127.0.0.21 and .22, one cluster port),
     * configured by properties alone: each binds its cluster listener to its Tailscale address, finds the other as a
     * peer, and the actuator endpoint shows that seed as coming from the tailnet.
     */
    @Test
    void twoApplicationsFormAClusterFromPropertiesAloneAndTheEndpointShowsTheTailnetSeeds() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.21"))) {
            port = probe.getLocalPort();
        }
        Node a = node("orders-a", "127.0.0.21");
        Node b = node("orders-b", "127.0.0.22");
        Node laptop = new Node("laptop", true, List.of(), List.of("127.0.0.23"));
        try (FakeTailscaled daemonA = daemon("a", a, b, laptop); FakeTailscaled daemonB = daemon("b", b, a, laptop)) {
            ApplicationContextRunner node = this.contextRunner.withPropertyValues("nats.server.cluster.name=orders",
                    "nats.server.cluster.port=" + port, TS + "enabled=true", TS + "bind=true", TS + "tag=nats",
                    "nats.server.cluster.discovery.refresh-interval=200ms");
            node.withPropertyValues(TS + "socket=" + daemonA.socket()).run((contextA) -> {
                assertThat(contextA).hasNotFailed();
                node.withPropertyValues(TS + "socket=" + daemonB.socket()).run((contextB) -> {
                    assertThat(contextB).hasNotFailed();
                    EmbeddedNatsServer embeddedA = contextA.getBean(EmbeddedNatsServer.class);
                    NatsServer serverA = embeddedA.getServer();
                    NatsServer serverB = contextB.getBean(EmbeddedNatsServer.class).getServer();
                    assertThat(embeddedA.getOptions().getCluster().getHost()).isEqualTo("127.0.0.21");
                    await().atMost(Duration.ofSeconds(20))
                        .until(() -> routedTo(serverA, serverB) && routedTo(serverB, serverA));
                    NatsEndpoint.ClusterDescriptor cluster = new NatsEndpoint(embeddedA).nats().cluster();
                    assertThat(cluster).isNotNull();
                    assertThat(cluster.discoveredSeeds())
                        .containsEntry("tailnet:" + daemonA.socket(), List.of("nats-route://127.0.0.22:" + port));
                });
            });
        }
    }

    private static boolean routedTo(NatsServer from, NatsServer to) {
        return from.monitor()
            .cluster()
            .routes()
            .stream()
            .anyMatch((r) -> to.serverId().equals(r.remoteId()));
    }

    private static Node node(String name, String address) {
        return new Node(name, true, List.of("tag:nats"), List.of(address, "fd7a:115c:a1e0::" + address.substring(8)));
    }

    private FakeTailscaled daemon(String name, Node self, Node... peers) throws Exception {
        return new FakeTailscaled(this.dir.resolve(name + ".sock")).answer(FakeTailscaled.status("Running", self, peers));
    }

}
