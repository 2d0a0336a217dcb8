package io.natsboot.server.route;

import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seeds from DNS and from the application, found again while the node runs. */
class RouteDiscoveryTest {

    private final List<NatsServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        servers.forEach(NatsServer::shutdown);
    }

    private NatsServer node(String name, RouteDiscovery discovery) {
        NatsServer server = TestServers.start(o -> {
            o.setServerName(name).getCluster().setName("disco").setHost("127.0.0.1").setPort(0);
            if (discovery != null) {
                o.getCluster().getDiscovery().add(discovery);
            }
        });
        servers.add(server);
        return server;
    }

    private static boolean routed(NatsServer a, NatsServer b) {
        return a.routeManager().routes().stream().anyMatch(r -> r.remote().serverId().equals(b.serverId()));
    }

    @Test
    void everyAddressOfADnsNameIsASeed() {
        NatsServer seed = node("seed", null);
        NatsServer joiner = node("joiner",
                new DnsRouteDiscovery("localhost", seed.clusterPort(), Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(10)).until(() -> routed(joiner, seed) && routed(seed, joiner));
    }

    @Test
    void aNameThatDoesNotResolveGivesNoSeeds() {
        assertThat(new DnsRouteDiscovery("no-such-host.invalid", 6222, Duration.ofSeconds(1)).seeds()).isEmpty();
    }

    @Test
    void seedsThatAppearWhileRunningAreRoutedTo() {
        NatsServer seed = node("seed", null);
        List<RouteUrl> seeds = new CopyOnWriteArrayList<>();
        RouteDiscovery fromTheApplication = new RouteDiscovery() {
            @Override
            public List<RouteUrl> seeds() {
                return List.copyOf(seeds);
            }

            @Override
            public Duration refreshInterval() {
                return Duration.ofMillis(100);
            }
        };
        NatsServer joiner = node("joiner", fromTheApplication);
        assertThat(joiner.routeManager().routes()).isEmpty();
        seeds.add(new RouteUrl("127.0.0.1", seed.clusterPort(), null, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> routed(joiner, seed));
    }

    @Test
    void routeUrlsParseAsNatsServerTakesThem() {
        assertThat(RouteUrl.parse("nats-route://ruser:rpass@10.0.0.6:6222"))
                .isEqualTo(new RouteUrl("10.0.0.6", 6222, "ruser", "rpass"));
        assertThat(RouteUrl.parse("nats://host:7244")).isEqualTo(new RouteUrl("host", 7244, null, null));
        assertThat(RouteUrl.parse("127.0.0.1:6222").hostPort()).isEqualTo("127.0.0.1:6222");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteUrl.parse("http://x:1"))
                .hasMessageContaining("http://x:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteUrl.parse("nats-route://nohost"))
                .hasMessageContaining("host and port");
    }
}
