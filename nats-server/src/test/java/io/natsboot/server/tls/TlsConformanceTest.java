package io.natsboot.server.tls;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.conformance.NatsServerProcess;
import io.natsboot.server.json.JsonReader;
import io.natsboot.server.test.InfoFields;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestPki;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** natsboot's client TLS next to the official nats-server 2.9.10 reading the same PEM files. */
class TlsConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    static Path dir;
    private static TestPki.Files files;

    @BeforeAll
    static void certificates() throws Exception {
        files = TestPki.get().written(dir);
    }

    private static String tlsBlock(String extra) {
        return "tls {\n  cert_file: \"" + files.cert() + "\"\n  key_file: \"" + files.key() + "\"\n  ca_file: \""
                + files.ca() + "\"\n" + extra + "}\n";
    }

    @Test
    void tlsRequiredInfo() throws Exception {
        compareInfo(tlsBlock(""), files::applyTo);
    }

    @Test
    void tlsVerifyInfo() throws Exception {
        compareInfo(tlsBlock("  verify: true\n"), t -> files.applyTo(t).setVerify(true));
    }

    @Test
    void allowNonTlsInfo() throws Exception {
        compareInfo("allow_non_tls: true\n" + tlsBlock(""), t -> files.applyTo(t).setAllowNonTls(true));
    }

    private static void compareInfo(String config, Consumer<TlsOptions> tls) throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start(config);
             NatsServer natsboot = TestServers.start(o -> tls.accept(o.getTls()));
             RawClient a = RawClient.connect(official.port());
             RawClient b = RawClient.connect(natsboot.port())) {
            Map<String, String> expected = InfoFields.of(a.info());
            Map<String, String> actual = InfoFields.of(b.info());
            List<String> expectedKeys = new ArrayList<>(expected.keySet());
            expectedKeys.remove("go"); // natsboot has no Go version to report
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(expectedKeys);
            for (String same : List.of("tls_required", "tls_verify", "tls_available")) {
                assertThat(actual.get(same)).as(same).isEqualTo(expected.get(same));
            }
        }
    }

    /**
     * nats-server 2.9.10 means to send {@code -ERR 'Secure Connection - TLS Required'} when the handshake does not
     * come in time, but its read deadline fires at the same instant and usually closes first, so the client mostly
     * sees a bare close. natsboot always sends the -ERR (the documented intent; clients treat it as a close reason).
     */
    @Test
    void handshakeTimeoutClosesAfterAtMostTheTlsRequiredError() throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start(tlsBlock("  timeout: 0.5\n"));
             NatsServer natsboot = TestServers.start(o -> files.applyTo(o.getTls())
                     .setTimeout(Duration.ofMillis(500)));
             RawClient a = RawClient.connect(official.port());
             RawClient b = RawClient.connect(natsboot.port())) {
            String err = "-ERR 'Secure Connection - TLS Required'\r\n";
            assertThat(a.readUntilClosed(WAIT)).isIn("", err);
            assertThat(b.readUntilClosed(WAIT)).isEqualTo(err);
        }
    }

    @Test
    void plainTextAfterInfoIsClosedWithoutAnAnswer() throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start(tlsBlock(""));
             NatsServer natsboot = TestServers.start(o -> files.applyTo(o.getTls()));
             RawClient a = RawClient.connect(official.port());
             RawClient b = RawClient.connect(natsboot.port())) {
            a.send("CONNECT {}\r\nPING\r\n");
            b.send("CONNECT {}\r\nPING\r\n");
            assertThat(b.readUntilClosed(WAIT)).isEqualTo(a.readUntilClosed(WAIT)).isEmpty();
        }
    }

    @Test
    void varzShowsTlsAsNatsServerDoes() throws Exception {
        String config = "http: \"127.0.0.1:-1\"\n" + tlsBlock("  verify: true\n  timeout: 1.5\n")
                + "cluster {\n  listen: \"127.0.0.1:-1\"\n  " + tlsBlock("").replace("\n", "\n  ") + "\n}\n";
        try (NatsServerProcess official = NatsServerProcess.start(config);
             NatsServer natsboot = TestServers.start(o -> {
                 o.setHttpPort(0);
                 files.applyTo(o.getTls()).setVerify(true).setTimeout(Duration.ofMillis(1500));
                 o.getCluster().setHost("127.0.0.1").setPort(0);
                 files.applyTo(o.getCluster().getTls());
             })) {
            Map<String, Object> theirs = varz(official.monitorPort());
            Map<String, Object> ours = varz(natsboot.httpPort());
            for (String same : List.of("tls_required", "tls_verify", "tls_timeout", "auth_timeout")) {
                assertThat(ours.get(same)).as(same).isEqualTo(theirs.get(same));
            }
            assertThat(new ArrayList<>(theirs.keySet())).containsSubsequence(new ArrayList<>(ours.keySet()));
            Map<?, ?> theirCluster = (Map<?, ?>) theirs.get("cluster");
            Map<?, ?> ourCluster = (Map<?, ?>) ours.get("cluster");
            for (String same : List.of("tls_required", "tls_verify", "tls_timeout", "auth_timeout")) {
                assertThat(ourCluster.get(same)).as("cluster " + same).isEqualTo(theirCluster.get(same));
            }
            assertThat(new ArrayList<Object>(theirCluster.keySet()))
                    .containsSubsequence(new ArrayList<Object>(ourCluster.keySet()));
        }
    }

    private static Map<String, Object> varz(int port) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/varz");
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString())
                .body();
        return JsonReader.parseObject(body);
    }

}
