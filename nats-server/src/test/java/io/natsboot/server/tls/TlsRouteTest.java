package io.natsboot.server.tls;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.test.TestPki;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Routes over TLS between natsboot nodes: verified both ways against the CA, before any protocol byte. */
class TlsRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static TestPki pki;
    private static TestPki.Files files;
    @TempDir
    static Path dir;

    private final List<NatsServer> servers = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.get();
        files = pki.written(dir);
    }

    @AfterEach
    void stop() {
        servers.forEach(NatsServer::close);
    }

    private NatsServer node(String name, NatsServer seed, Consumer<TlsOptions> tls) {
        NatsServer server = TestServers.start(o -> {
            o.setServerName(name).getCluster().setName("tls").setHost("127.0.0.1").setPort(0);
            tls.accept(o.getCluster().getTls());
            if (seed != null) {
                o.getCluster().getRoutes().add("nats-route://127.0.0.1:" + seed.clusterPort());
            }
        });
        servers.add(server);
        return server;
    }

    private static List<RouteConnection> routes(NatsServer s) {
        return s.routeManager().routes();
    }

    @Test
    void messagesCrossATlsRoute() throws Exception {
        NatsServer a = node("a", null, files::applyTo);
        NatsServer b = node("b", a, files::applyTo);
        await().atMost(WAIT).until(() -> routes(a).size() == 1 && routes(b).size() == 1);
        assertThat(routes(a).get(0).remote().tlsRequired()).isTrue();
        try (Connection sub = Nats.connect(a.clientUrl()); Connection pub = Nats.connect(b.clientUrl())) {
            Subscription s = sub.subscribe("over.tls");
            sub.flush(WAIT);
            await().atMost(WAIT).untilAsserted(() -> {
                pub.publish("over.tls", "x".getBytes(StandardCharsets.UTF_8));
                assertThat(s.nextMessage(Duration.ofMillis(200))).isNotNull();
            });
        }
    }

    @Test
    void routeListenerSpeaksTlsFirst() throws Exception {
        NatsServer a = node("a", null, files::applyTo);
        try (Socket plain = new Socket("127.0.0.1", a.clusterPort())) {
            plain.setSoTimeout(1000);
            InputStream in = plain.getInputStream();
            // a plain-text INFO would arrive at once: with TLS the listener waits for our ClientHello
            assertThat(readSome(in)).isEmpty();
        }
    }

    @Test
    void nodeWithCertificateFromAnotherCaIsRefused() throws Exception {
        NatsServer a = node("a", null, files::applyTo);
        Path strangerDir = Files.createDirectories(dir.resolve("stranger"));
        Files.writeString(strangerDir.resolve("cert.pem"), pki.stranger.getCertificatePEM());
        Files.writeString(strangerDir.resolve("key.pem"), pki.stranger.getPrivateKeyPEM());
        Files.writeString(strangerDir.resolve("ca.pem"), pki.ca.getCertificatePEM());
        NatsServer b = node("b", a, tls -> tls.setCertFile(strangerDir.resolve("cert.pem").toString())
                .setKeyFile(strangerDir.resolve("key.pem").toString())
                .setCaFile(strangerDir.resolve("ca.pem").toString()));
        // b dials every second or so: none of its attempts may end in a route
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> routes(a).isEmpty() && routes(b).isEmpty());
    }

    @Test
    void plainNodeCannotJoinATlsCluster() {
        NatsServer a = node("a", null, files::applyTo);
        NatsServer b = node("b", a, tls -> {
        });
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> routes(a).isEmpty() && routes(b).isEmpty());
    }

    private static byte[] readSome(InputStream in) throws Exception {
        byte[] buf = new byte[64];
        try {
            int n = in.read(buf);
            return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
        } catch (java.net.SocketTimeoutException e) {
            return new byte[0];
        }
    }
}
