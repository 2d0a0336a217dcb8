package io.natsboot.server.route;

import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.ClusterSnapshot;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A node recognises its own route listener among its seeds (one seed list shared by every node). */
class OwnListenerTest {

    private static final Map<String, String> NAMES = Map.of(
            "localhost", "127.0.0.1", "node1", "10.0.0.5", "node2", "10.0.0.6", "loop-name", "127.0.1.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = NAMES.getOrDefault(host, host);
        if (!Character.isDigit(address.charAt(0)) && !address.contains(":")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private static OwnListener listener(String bindHost, String advertised) throws UnknownHostException {
        return new OwnListener(bindHost, 6222, advertised, Set.of(InetAddress.getByName("10.0.0.5")),
                OwnListenerTest::resolve);
    }

    @ParameterizedTest(name = "bound to {0}: {1} is own = {2}")
    @CsvSource({
            "0.0.0.0,   nats-route://127.0.0.1:6222,   true",
            "0.0.0.0,   nats-route://localhost:6222,   true",
            "0.0.0.0,   nats-route://0.0.0.0:6222,     true",
            "0.0.0.0,   nats-route://[::]:6222,        true",
            "0.0.0.0,   nats-route://node1:6222,       true",
            "0.0.0.0,   nats-route://10.0.0.5:6222,    true",
            "0.0.0.0,   nats-route://loop-name:6222,   true",
            "0.0.0.0,   nats-route://node2:6222,       false",
            "0.0.0.0,   nats-route://node1:6223,       false",
            "0.0.0.0,   nats-route://unknown:6222,     false",
            "127.0.0.1, nats-route://localhost:6222,   true",
            "127.0.0.1, nats-route://127.0.0.1:6222,   true",
            "127.0.0.1, nats-route://node1:6222,       false",
            "10.0.0.5,  nats-route://node1:6222,       true",
            "10.0.0.5,  nats-route://127.0.0.1:6222,   false",
            "node1,     nats-route://10.0.0.5:6222,    true",
    })
    void recognisesTheListener(String bindHost, String url, boolean own) throws UnknownHostException {
        assertThat(listener(bindHost, null).isOwn(RouteUrl.parse(url))).isEqualTo(own);
    }

    @Test
    void theAdvertisedAddressIsOwn() throws UnknownHostException {
        OwnListener own = listener("0.0.0.0", "public.example:16222");
        assertThat(own.isOwn(RouteUrl.parse("nats-route://public.example:16222"))).isTrue();
        assertThat(own.isOwn(RouteUrl.parse("nats-route://public.example:6222"))).isFalse();
    }

    @Test
    void withoutAListenerNothingIsOwn() {
        assertThat(OwnListener.none().isOwn(RouteUrl.parse("nats-route://127.0.0.1:6222"))).isFalse();
    }

    private NatsServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.shutdown();
        }
    }

    /**
     * Every form of the node's own URL in its seed list: none is a missing seed, nothing is logged at error level, and
     * dialling the one that leads back stops after the route to itself was detected.
     */
    @Test
    void aSharedSeedListDoesNotReportTheNodeItself() throws Exception {
        try (LogRecorder errors = new LogRecorder(RouteManager.class.getName(), Level.SEVERE);
             LogRecorder self = new LogRecorder(RouteConnection.class.getName(), Level.FINE)) {
            String hostName = InetAddress.getLocalHost().getHostName();
            // the cluster port must be in the seed list before start: a free port, retried if taken meanwhile
            for (int attempt = 0; server == null; attempt++) {
                int port = freePort();
                try {
                    server = TestServers.start(o -> o.getCluster().setName("self").setHost("0.0.0.0").setPort(port)
                            .getRoutes().addAll(List.of("nats-route://127.0.0.1:" + port,
                                    "nats-route://localhost:" + port, "nats-route://0.0.0.0:" + port,
                                    "nats-route://" + hostName + ":" + port)));
                } catch (ServerStartException e) {
                    if (attempt == 2) {
                        throw e;
                    }
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> self.contains("Detected route to self"));
            ClusterSnapshot cluster = server.monitor().cluster();
            assertThat(cluster.missingSeeds()).isEmpty();
            assertThat(cluster.seeds()).isEmpty();
            Thread.sleep(2500); // long enough for the seed timer to dial again, had it not stopped
            assertThat(self.lines().stream().filter(l -> l.contains("Detected route to self")).count())
                    .isLessThanOrEqualTo(8); // each form of the URL at most once, on both ends
            assertThat(errors.lines()).isEmpty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
