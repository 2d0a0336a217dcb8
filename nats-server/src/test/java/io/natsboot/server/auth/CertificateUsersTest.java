package io.natsboot.server.auth;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.config.ConfigFileOptions;
import io.natsboot.server.conformance.NatsServerProcess;
import io.natsboot.server.test.TestPki;
import io.natsboot.server.test.TestServers;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code verify_and_map}: one table of client certificates and configured users, with the user each certificate
 * logs in as (or none). natsboot's lookup must give it, and so must the official nats-server 2.9 given the same
 * certificate and config; then the whole path end to end through natsboot with jnats.
 */
class CertificateUsersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TestPki PKI = TestPki.get();

    @TempDir
    static Path dir;
    private static TestPki.Files files;

    record Case(String name, UnaryOperator<CertificateBuilder> certificate, List<String> users, String expected) {
        @Override
        public String toString() {
            return name;
        }

        X509Bundle bundle() throws Exception {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return certificate.apply(new CertificateBuilder().ecp256().notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(2, ChronoUnit.DAYS)).addExtendedKeyUsageClientAuth()).buildIssuedBy(PKI.ca);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("e-mail name before DNS name", c -> c.subject("CN=x").addSanDnsName("bob.example.com")
                        .addSanRfc822Name("alice@example.com"), List.of("bob.example.com", "alice@example.com"),
                        "alice@example.com"),
                new Case("DNS name", c -> c.subject("CN=x").addSanDnsName("svc.example.com"),
                        List.of("CN=x,O=other", "svc.example.com"), "svc.example.com"),
                new Case("URI name", c -> uri(c.subject("CN=x"), "spiffe://example.org/ns/app"),
                        List.of("spiffe://example.org/ns/app"), "spiffe://example.org/ns/app"),
                new Case("subject equal to a user's DN", c -> c.subject("CN=app,OU=dev,O=Acme,C=US"),
                        List.of("CN=app,OU=dev,O=Acme", "CN=app,OU=dev,O=Acme,C=US"), "CN=app,OU=dev,O=Acme,C=US"),
                new Case("DN types in lower case", c -> c.subject("CN=app,O=Acme"),
                        List.of("cn=app,o=Acme"), "cn=app,o=Acme"),
                new Case("DN in another order", c -> c.subject("CN=app,OU=dev,O=Acme,C=US"),
                        List.of("C=US,O=Acme,OU=dev,CN=app"), "C=US,O=Acme,OU=dev,CN=app"),
                new Case("DN values compare exactly", c -> c.subject("CN=App,O=Acme"),
                        List.of("CN=app,O=Acme"), null),
                new Case("subject written as nats-server writes it", c -> c.subject("UID=42,CN=app,O=Acme"),
                        List.of("CN=app,O=Acme"), "CN=app,O=Acme"),
                new Case("domain components appended", c -> c.subject("UID=7,CN=svc,DC=example,DC=org"),
                        List.of("CN=svc", "CN=svc,DC=org,DC=example"), "CN=svc,DC=org,DC=example"),
                new Case("domain components left out", c -> c.subject("UID=7,CN=svc,DC=example,DC=org"),
                        List.of("CN=svc"), "CN=svc"),
                new Case("escaped comma", c -> c.subject("UID=1,CN=Smith\\, John,O=Acme"),
                        List.of("CN=Smith\\, John,O=Acme"), "CN=Smith\\, John,O=Acme"),
                new Case("units together, last first", c -> c.subject("UID=1,CN=x,OU=a,OU=b,O=y"),
                        List.of("CN=x,OU=b+OU=a,O=y"), "CN=x,OU=b+OU=a,O=y"),
                new Case("nothing matches", c -> c.subject("CN=nobody").addSanDnsName("nobody.example.com"),
                        List.of("CN=somebody", "somebody.example.com"), null));
    }

    private static CertificateBuilder uri(CertificateBuilder c, String uri) {
        return c.addSanUriName(URI.create(uri));
    }

    @BeforeAll
    static void writePki() throws Exception {
        files = PKI.written(dir);
    }

    @AfterAll
    static void done() {
        files = null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void natsbootFindsTheUser(Case c) throws Exception {
        assertThat(CertificateUsers.find(c.bundle().getCertificate(), c.users()))
                .isEqualTo(java.util.Optional.ofNullable(c.expected()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void natsServerFindsTheSame(Case c) throws Exception {
        X509Bundle client = c.bundle();
        NatsServerProcess server = NatsServerProcess.start(config(c.users()) + "\nhttp_port: -1\n");
        Connection nc = null;
        try {
            if (c.expected() == null) {
                assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), client, Duration.ofSeconds(1))))
                        .isInstanceOf(Exception.class);
                return;
            }
            nc = Nats.connect(options(server.clientUrl(), client, WAIT));
            nc.flush(WAIT);
            assertThat(authorizedUsers(server.monitorPort())).containsExactly(c.expected());
        } finally {
            // the server first: jnats closing a live TLS connection waits ~1 s for the server's close_notify
            server.close();
            if (nc != null) {
                nc.close();
            }
        }
    }

    @Test
    void aMappedClientLogsInWithThatUsersPermissionsAndAnUnmappedOneIsRefused() throws Exception {
        Case mapped = cases().filter(c -> c.name().equals("subject equal to a user's DN")).findFirst().orElseThrow();
        String users = "authorization { users = [\n"
                + "  { user: \"CN=app,OU=dev,O=Acme,C=US\", permissions: { publish: \"orders.>\" } }\n"
                + "  { user: \"CN=pw\", password: \"secret\" }\n]}";
        try (NatsServer server = natsboot(tls() + users)) {
            try (Connection nc = Nats.connect(options(server.clientUrl(), mapped.bundle(), WAIT))) {
                nc.flush(WAIT);
                assertThat(server.clients()).extracting(ClientConnection::authorizedUser)
                        .containsExactly("CN=app,OU=dev,O=Acme,C=US");
            }
            X509Bundle stranger = new Case("", c -> c.subject("CN=nobody"), List.of(), null).bundle();
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), stranger, Duration.ofSeconds(1))))
                    .hasMessageContaining("Authorization Violation");
            // a mapped user with a password must still send it
            X509Bundle withPassword = new Case("", c -> c.subject("CN=pw"), List.of(), null).bundle();
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), withPassword, Duration.ofSeconds(1))))
                    .hasMessageContaining("Authorization Violation");
            try (Connection nc = Nats.connect(new Options.Builder(options(server.clientUrl(), withPassword, WAIT))
                    .userInfo("", "secret").build())) {
                nc.flush(WAIT);
            }
        }
    }

    private static NatsServer natsboot(String config) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "map", ".conf"), config);
        return TestServers.start(o -> ConfigFileOptions.load(file, o));
    }

    private static String tls() {
        return "tls { cert_file: \"" + files.cert() + "\", key_file: \"" + files.key() + "\", ca_file: \""
                + files.ca() + "\", verify_and_map: true }\n";
    }

    private static String config(List<String> users) {
        return tls() + "authorization { users = [\n" + users.stream()
                .map(u -> "  { user: \"" + u.replace("\\", "\\\\").replace("\"", "\\\"") + "\" }")
                .collect(Collectors.joining("\n")) + "\n]}";
    }

    private static Options options(String url, X509Bundle client, Duration timeout) {
        return new Options.Builder().server(url.replace("nats://", "tls://")).sslContext(PKI.clientContext(client))
                .maxReconnects(0).connectionTimeout(timeout).errorListener(new ErrorListener() {
                    // a server stopped under the connection is expected here
                }).build();
    }

    private static List<String> authorizedUsers(int monitorPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort
                + "/connz?auth=true")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"authorized_user\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        List<String> users = new java.util.ArrayList<>();
        while (m.find()) {
            users.add(m.group(1).replace("\\\\", "\\"));
        }
        return users;
    }
}
