package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestPki;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TLS route between natsboot and the official nats-server, both reading the PEM files this test made: each side
 * checks the other's certificate against the CA (and, dialling, the 127.0.0.1 address in it).
 */
class TlsMixedClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLUSTER = "tls-mixed";
    @TempDir
    static Path dir;
    private static TestPki.Files files;

    private NatsServer natsboot;
    private OfficialNode official;

    @BeforeAll
    static void certificates() throws Exception {
        files = TestPki.get().written(dir);
    }

    @AfterEach
    void stop() {
        if (natsboot != null) {
            natsboot.close();
        }
        if (official != null) {
            official.close();
        }
    }

    private String officialTls() {
        return "  tls {\n    cert_file: \"" + files.cert() + "\"\n    key_file: \"" + files.key()
                + "\"\n    ca_file: \"" + files.ca() + "\"\n    timeout: 5\n  }\n";
    }

    private NatsServer natsboot(String seed) {
        return TestServers.start(o -> {
            o.setServerName("natsboot").getCluster().setName(CLUSTER).setHost("127.0.0.1").setPort(0);
            files.applyTo(o.getCluster().getTls());
            if (seed != null) {
                o.getCluster().getRoutes().add(seed);
            }
        });
    }

    @Test
    void natsbootDialsTheOfficialServerOverTls() throws Exception {
        official = OfficialNode.start("official", CLUSTER, List.of(), officialTls());
        natsboot = natsboot(official.routeUrl());
        assertMeshAndTraffic();
    }

    @Test
    void theOfficialServerDialsNatsbootOverTls() throws Exception {
        natsboot = natsboot(null);
        official = OfficialNode.start("official", CLUSTER, List.of("nats-route://127.0.0.1:" + natsboot.clusterPort()),
                officialTls());
        assertMeshAndTraffic();
    }

    private void assertMeshAndTraffic() throws Exception {
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(official.routePeerIds()).containsExactly(natsboot.serverId());
                assertThat(natsboot.routeManager().routes()).hasSize(1);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n---- official log ----\n" + official.log(), e);
        }
        assertThat(natsboot.routeManager().routes().get(0).remote().tlsRequired()).isTrue();
        try (Connection a = Nats.connect(new Options.Builder().server(official.clientUrl()).noReconnect().build());
             Connection b = Nats.connect(new Options.Builder().server(natsboot.clientUrl()).noReconnect().build())) {
            Subscription s = a.subscribe("mixed.tls");
            a.flush(WAIT);
            // interest crosses the route asynchronously: publish until one gets through
            await().atMost(WAIT).untilAsserted(() -> {
                b.publish("mixed.tls", "x".getBytes(StandardCharsets.UTF_8));
                assertThat(s.nextMessage(Duration.ofMillis(200))).isNotNull();
            });
        }
        assertThat(official.log()).contains("TLS handshake complete");
    }
}
