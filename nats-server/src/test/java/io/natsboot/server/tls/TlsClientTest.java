package io.natsboot.server.tls;

import io.natsboot.server.client.ClientTlsUpgrade;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClosedReason;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestPki;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Client TLS as nats-server 2.9 does it, with the real jnats client and certificates made by the test. */
class TlsClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestPki pki;
    private static TestPki.Files files;
    @TempDir
    static Path dir;

    private NatsServer server;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.get();
        files = pki.written(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private NatsServer start(Consumer<io.natsboot.server.options.TlsOptions> tls) {
        server = TestServers.start(o -> tls.accept(o.getTls()));
        return server;
    }

    private Connection connect(SSLContext context) throws Exception {
        return connect(context, WAIT);
    }

    private Connection connect(SSLContext context, Duration timeout) throws Exception {
        Options.Builder b = new Options.Builder().server(server.clientUrl()).maxReconnects(0)
                .connectionTimeout(timeout);
        if (context != null) {
            b.sslContext(context);
        }
        return Nats.connect(b.build());
    }

    private static void roundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("tls.test");
        nc.publish("tls.test", "secret".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void infoIsPlainAndSaysTlsRequired() throws Exception {
        start(files::applyTo);
        try (RawClient raw = RawClient.connect(server.port())) {
            assertThat(raw.info()).startsWith("INFO {")
                    .contains("\"headers\":true,\"tls_required\":true,\"max_payload\":")
                    .doesNotContain("tls_verify").doesNotContain("tls_available");
        }
    }

    @Test
    void jnatsPublishesAndSubscribesOverTls() throws Exception {
        start(files::applyTo);
        try (Connection nc = connect(pki.clientContext(null))) {
            roundTrip(nc);
            ClientConnection c = server.clients().iterator().next();
            // nats-server's minimum is TLS 1.2; the JDK and jnats agree on 1.3
            assertThat(ClientTlsUpgrade.session(c.channel()).getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void configuredCipherSuitesAndVersionsAreTheOnlyOnesOffered() throws Exception {
        start(tls -> {
            files.applyTo(tls).getCiphers().add("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            tls.getProtocols().add("TLSv1.2");
        });
        try (Connection nc = connect(pki.clientContext(null))) {
            nc.flush(WAIT);
            SSLSession session = ClientTlsUpgrade.session(server.clients().iterator().next().channel());
            assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
            assertThat(session.getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        }
    }

    @Test
    void monitoringShowsTlsVersionCipherAndTimeout() throws Exception {
        server = TestServers.start(o -> {
            o.setHttpPort(0);
            files.applyTo(o.getTls()).setTimeout(Duration.ofMillis(1500));
        });
        try (Connection nc = connect(pki.clientContext(null))) {
            nc.flush(WAIT);
            String connz = get("/connz");
            assertThat(connz).containsPattern(
                    "\"tls_version\":\\s*\"1\\.[23]\",\\s*\"tls_cipher_suite\":\\s*\"TLS_[A-Z0-9_]+\"");
            assertThat(get("/varz")).containsPattern("\"tls_timeout\":\\s*1.5,");
        }
    }

    private String get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.httpPort() + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).body();
    }

    @Test
    void credentialsTravelInsideTls() throws Exception {
        server = TestServers.start(o -> {
            files.applyTo(o.getTls());
            o.getAuthorization().setUser("alice").setPassword("secret");
        });
        try (RawClient raw = RawClient.connect(server.port())) {
            assertThat(raw.info()).contains("\"auth_required\":true,\"tls_required\":true,");
        }
        Options.Builder b = new Options.Builder().server(server.clientUrl()).maxReconnects(0)
                .sslContext(pki.clientContext(null)).connectionTimeout(WAIT);
        try (Connection nc = Nats.connect(b.userInfo("alice", "secret").build())) {
            roundTrip(nc);
        }
        assertThatThrownBy(() -> Nats.connect(b.userInfo("alice", "wrong").connectionTimeout(Duration.ofSeconds(1))
                .build())).isInstanceOf(Exception.class);
    }

    /**
     * A bcrypt login is checked off the event loop with reading paused; the PING jnats sends behind its CONNECT must
     * still be decoded when the check ends, also when the bytes came through TLS.
     */
    @Test
    void bcryptLoginOverTls() throws Exception {
        String hash = org.springframework.security.crypto.bcrypt.BCrypt.hashpw("secret",
                org.springframework.security.crypto.bcrypt.BCrypt.gensalt(6));
        server = TestServers.start(o -> {
            files.applyTo(o.getTls());
            o.getAuthorization().setUser("alice").setPassword(hash);
        });
        Options.Builder b = new Options.Builder().server(server.clientUrl()).maxReconnects(0)
                .sslContext(pki.clientContext(null)).connectionTimeout(WAIT);
        try (Connection nc = Nats.connect(b.userInfo("alice", "secret").build())) {
            roundTrip(nc);
        }
    }

    @Test
    void keyAndTrustManagersFromTheApplicationWorkLikeFiles() throws Exception {
        start(tls -> {
            try {
                tls.setKeyManagerFactory(pki.server.toKeyManagerFactory());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection nc = connect(pki.clientContext(null))) {
            roundTrip(nc);
        }
    }

    @Test
    void plainJnatsAgainstTlsServerFailsCleanly() {
        start(files::applyTo);
        assertThatThrownBy(() -> connect(null)).isInstanceOf(Exception.class);
        assertServerStillServesTls();
    }

    @Test
    void mutualTlsAcceptsTrustedClientCertificate() throws Exception {
        start(tls -> files.applyTo(tls).setVerify(true));
        try (RawClient raw = RawClient.connect(server.port())) {
            assertThat(raw.info()).contains("\"tls_required\":true,\"tls_verify\":true,");
        }
        try (Connection nc = connect(pki.clientContext(pki.client))) {
            roundTrip(nc);
        }
    }

    @Test
    void mutualTlsRefusesClientWithoutCertificate() {
        start(tls -> files.applyTo(tls).setVerify(true));
        assertRefused(pki.clientContext(null));
    }

    @Test
    void mutualTlsRefusesClientCertificateFromUntrustedCa() {
        start(tls -> files.applyTo(tls).setVerify(true));
        assertRefused(pki.clientContext(pki.stranger));
    }

    private void assertRefused(SSLContext context) {
        assertThatThrownBy(() -> {
            // jnats may only see the refusal as a connection that never answers: no need to wait long for it
            try (Connection nc = connect(context, Duration.ofSeconds(1))) {
                // with TLS 1.3 the client may finish first and only learn of the refusal on its first round trip
                nc.flush(WAIT);
            }
        }).isInstanceOf(Exception.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(server.closedClients())
                .anySatisfy(c -> assertThat(c.reason()).isEqualTo(ClosedReason.TLS_HANDSHAKE_ERROR.toString())));
        assertServerStillServesTls();
    }

    @Test
    void handshakeNotStartedInTimeGetsPlainErrAndClose() throws Exception {
        start(tls -> files.applyTo(tls).setTimeout(Duration.ofMillis(300)));
        try (RawClient raw = RawClient.connect(server.port())) {
            String after = raw.readUntilClosed(WAIT);
            assertThat(after).isEqualTo("-ERR 'Secure Connection - TLS Required'\r\n");
        }
    }

    @Test
    void shutdownDoesNotWaitForPendingHandshakes() throws Exception {
        start(tls -> files.applyTo(tls).setTimeout(Duration.ofSeconds(30)));
        try (RawClient raw = RawClient.connect(server.port())) {
            long t0 = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            raw.readUntilClosed(WAIT); // at most a TLS alert: the session never started
            assertThat(raw.isClosed()).isTrue();
        }
    }

    @Test
    void plainTextOpsToTlsServerEndTheConnection() throws Exception {
        start(files::applyTo);
        try (RawClient raw = RawClient.connect(server.port())) {
            raw.send("CONNECT {}\r\nPING\r\n");
            assertThat(raw.readUntilClosed(WAIT)).doesNotContain("PONG");
        }
        assertServerStillServesTls();
    }

    @Test
    void allowNonTlsOffersTlsAndAcceptsBoth() throws Exception {
        start(tls -> files.applyTo(tls).setAllowNonTls(true));
        try (RawClient raw = RawClient.connect(server.port())) {
            assertThat(raw.info()).contains("\"headers\":true,\"tls_available\":true,\"max_payload\":")
                    .doesNotContain("tls_required");
            raw.send("CONNECT {\"verbose\":false}\r\n");
            assertThat(raw.sync()).endsWith("PONG\r\n");
        }
        try (Connection plain = connect(null); Connection secure = connect(pki.clientContext(null))) {
            Subscription sub = secure.subscribe("mixed");
            secure.flush(WAIT);
            plain.publish("mixed", "hi".getBytes(StandardCharsets.UTF_8));
            assertThat(sub.nextMessage(WAIT)).isNotNull();
        }
    }

    @Test
    void unreadableFilesFailStartNamingTheFile() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate");
        assertThatThrownBy(() -> TestServers.start(o -> o.getTls().setCertFile(dir.resolve("nope.pem").toString())
                .setKeyFile(files.key())))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("cert_file").hasMessageContaining("nope.pem");
        assertThatThrownBy(() -> TestServers.start(o -> o.getTls().setCertFile(junk.toString())
                .setKeyFile(files.key())))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("cert_file").hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> TestServers.start(o -> o.getTls().setCertFile(files.cert())
                .setKeyFile(junk.toString())))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("key_file").hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> TestServers.start(o -> files.applyTo(o.getTls()).setCaFile(junk.toString())
                .setVerify(true)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("ca_file").hasMessageContaining("junk.pem");
    }

    // with the good client certificate, which a verifying server needs and the others ignore
    private void assertServerStillServesTls() {
        try (Connection nc = connect(pki.clientContext(pki.client))) {
            roundTrip(nc);
        } catch (Exception e) {
            throw new AssertionError("the server no longer serves TLS clients", e);
        }
    }
}
