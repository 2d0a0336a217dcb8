package io.natsboot.server.route;

import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.ClusterSnapshot;
import io.natsboot.server.monitor.SeedStatus;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Failed route dials logged as nats-server logs them, and what the cluster snapshot says about such seeds. */
class RouteDialLogTest {

    private static final String ROUTE_LOG = RouteManager.class.getName();
    /** Nothing listens on port 1 of the loopback: the dial is refused at once. */
    private static final String CLOSED_SEED = "nats-route://127.0.0.1:1";

    private final List<NatsServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        servers.forEach(NatsServer::shutdown);
    }

    private NatsServer node(Consumer<ServerOptions> customizer) {
        NatsServer server = TestServers.start(o -> {
            o.getCluster().setName("dials").setHost("127.0.0.1").setPort(0);
            customizer.accept(o);
        });
        servers.add(server);
        return server;
    }

    private static List<String> dialLines(LogRecorder log) {
        return log.lines().stream().filter(l -> l.contains("Error trying to connect to route")).toList();
    }

    @Test
    void aRefusedSeedIsAnErrorOnceThenDebug() {
        try (LogRecorder log = new LogRecorder(ROUTE_LOG, Level.FINE)) {
            node(o -> o.getCluster().getRoutes().add(CLOSED_SEED));
            await().atMost(Duration.ofSeconds(10)).until(() -> dialLines(log).size() >= 2);
            List<String> lines = dialLines(log);
            assertThat(lines.get(0))
                    .isEqualTo("SEVERE Error trying to connect to route (attempt 1): Connection refused: /127.0.0.1:1");
            assertThat(lines.get(1)).startsWith("FINE Error trying to connect to route (attempt 2): ")
                    .contains("Connection refused");
        }
    }

    @Test
    void theLineReadsAsTheOfficialServersUpToTheDialError() {
        try (OfficialNode official = OfficialNode.start("official", "dials", List.of(CLOSED_SEED));
             LogRecorder log = new LogRecorder(ROUTE_LOG, Level.SEVERE)) {
            node(o -> o.getCluster().getRoutes().add(CLOSED_SEED));
            String prefix = "Error trying to connect to route (attempt 1): ";
            await().atMost(Duration.ofSeconds(10)).until(() -> official.log().contains(prefix)
                    && !dialLines(log).isEmpty());
            String theirs = official.log().lines().filter(l -> l.contains(prefix)).findFirst().orElseThrow();
            assertThat(theirs).contains("[ERR] " + prefix);
            assertThat(dialLines(log).get(0)).isEqualTo("SEVERE " + prefix + "Connection refused: /127.0.0.1:1");
        }
    }

    @Test
    void connectErrorReportsSetsWhichAttemptsAreErrors() {
        try (LogRecorder log = new LogRecorder(ROUTE_LOG, Level.FINE)) {
            node(o -> o.setConnectErrorReports(2).getCluster().getRoutes().add(CLOSED_SEED));
            await().atMost(Duration.ofSeconds(15)).until(() -> dialLines(log).size() >= 3);
            assertThat(dialLines(log).subList(0, 3)).extracting(l -> l.substring(0, l.indexOf(')') + 1))
                    .containsExactly("SEVERE Error trying to connect to route (attempt 1)",
                            "SEVERE Error trying to connect to route (attempt 2)",
                            "FINE Error trying to connect to route (attempt 3)");
        }
    }

    @Test
    void aSeedThatWasConnectedLogsEveryFailedReconnectAsAnError() {
        NatsServer a = node(o -> { });
        NatsServer b = node(o -> o.getCluster().getRoutes().add("nats-route://127.0.0.1:" + a.clusterPort()));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.routeManager().routes().size() == 1);
        try (LogRecorder log = new LogRecorder(ROUTE_LOG, Level.FINE)) {
            a.shutdown();
            await().atMost(Duration.ofSeconds(15)).until(() -> dialLines(log).size() >= 2);
            assertThat(dialLines(log).subList(0, 2)).extracting(l -> l.substring(0, l.indexOf(')') + 1))
                    .containsExactly("SEVERE Error trying to connect to route (attempt 1)",
                            "SEVERE Error trying to connect to route (attempt 2)");
        }
        assertThat(b.monitor().cluster().seeds()).singleElement().satisfies(seed -> {
            assertThat(seed.everConnected()).isTrue();
            assertThat(seed.neverAnswered()).isFalse();
            assertThat(seed.lastError()).contains("Connection refused");
        });
    }

    @Test
    void attemptsReportedAsNatsServerDoes() {
        DialRecords defaults = new DialRecords(new ServerOptions());
        assertThat(defaults.reported(true, 1)).isTrue();
        assertThat(defaults.reported(true, 2)).isFalse();
        assertThat(defaults.reported(true, 3599)).isFalse();
        assertThat(defaults.reported(true, 3600)).isTrue();
        assertThat(defaults.reported(true, 7200)).isTrue();
        assertThat(defaults.reported(false, 2)).isTrue();
        assertThat(defaults.reported(false, 17)).isTrue();

        DialRecords custom = new DialRecords(new ServerOptions().setConnectErrorReports(2)
                .setReconnectErrorReports(5));
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().filter(a -> custom.reported(true, a)))
                .containsExactly(1, 2, 4, 6);
        assertThat(List.of(1, 2, 3, 4, 5, 10).stream().filter(a -> custom.reported(false, a)))
                .containsExactly(1, 5, 10);
    }

    @Test
    void anUnresolvableSeedIsAnErrorNamingTheHost() {
        try (LogRecorder log = new LogRecorder(ROUTE_LOG, Level.SEVERE)) {
            node(o -> o.getCluster().getRoutes().add("nats-route://no-such-host.invalid:6222"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !dialLines(log).isEmpty());
            assertThat(dialLines(log).get(0)).startsWith("SEVERE Error trying to connect to route (attempt 1): "
                    + "lookup for host \"no-such-host.invalid\": ");
        }
    }

    @Test
    void aSeedThatNeverAnsweredIsInTheSnapshotWithItsError() {
        NatsServer server = node(o -> o.getCluster().getRoutes().add(CLOSED_SEED));
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.monitor().cluster().seedsNeverAnswered().isEmpty());
        ClusterSnapshot cluster = server.monitor().cluster();
        assertThat(cluster.missingSeeds()).containsExactly(CLOSED_SEED);
        SeedStatus seed = cluster.seeds().get(0);
        assertThat(seed.url()).isEqualTo(CLOSED_SEED);
        assertThat(seed.everConnected()).isFalse();
        assertThat(seed.attempts()).isPositive();
        assertThat(seed.lastError()).contains("Connection refused");
    }

    @Test
    void aSeedThatAnsweredIsNotReported() {
        NatsServer a = node(o -> { });
        NatsServer b = node(o -> o.getCluster().getRoutes().add("nats-route://127.0.0.1:" + a.clusterPort()));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.monitor().cluster().missingSeeds().isEmpty()
                && b.monitor().cluster().seeds().get(0).everConnected());
        assertThat(b.monitor().cluster().seedsNeverAnswered()).isEmpty();
    }
}
