package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.natsboot.server.conformance.NatsServerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of the starter's security against the official {@code nats-server} binary: {@code nats.client.user}
 * and {@code .password} and an SSL bundle from {@code nats.client.tls.bundle} log in to a server that requires both,
 * with and without client certificates. Skipped when the binary is not on the PATH, failed then under
 * {@code CI=true}.
 */
@Timeout(60)
class NatsSecuredOfficialServerTests {

    @TempDir
    static Path certDir;

    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(certDir);
    }

    private ApplicationContextRunner clientOnly(NatsServerProcess official) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NatsServerAutoConfiguration.class,
                    NatsClientAutoConfiguration.class))
            .withPropertyValues(certs.trustOnly("trust"))
            .withPropertyValues(certs.bundle("client", "client"))
            .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + official.clientUrl(),
                    "nats.client.user=app", "nats.client.password=s3cret");
    }

    @Test
    void userPasswordAndTrustBundleLogInOverTls() {
        try (NatsServerProcess official = NatsServerProcess.start(config(false))) {
            clientOnly(official).withPropertyValues("nats.client.tls.bundle=trust").run((context) -> {
                assertThat(context).hasNotFailed();
                assertRoundTrip(context.getBean(Connection.class));
            });
            clientOnly(official).withPropertyValues("nats.client.tls.bundle=trust", "nats.client.password=wrong",
                    "nats.client.max-reconnects=0")
                .run((context) -> assertThat(context).hasFailed());
        }
    }

    @Test
    void clientCertificateFromTheBundleSatisfiesVerify() {
        try (NatsServerProcess official = NatsServerProcess.start(config(true))) {
            clientOnly(official).withPropertyValues("nats.client.tls.bundle=client").run((context) -> {
                assertThat(context).hasNotFailed();
                assertRoundTrip(context.getBean(Connection.class));
            });
            clientOnly(official).withPropertyValues("nats.client.tls.bundle=trust", "nats.client.max-reconnects=0")
                .run((context) -> assertThat(context).hasFailed());
        }
    }

    private static String config(boolean verify) {
        return "authorization { user: app, password: s3cret }\n" + "tls {\n" + "  cert_file: \""
                + certDir.resolve("node.pem") + "\"\n" + "  key_file: \"" + certDir.resolve("node-key.pem") + "\"\n"
                + "  ca_file: \"" + certDir.resolve("ca.pem") + "\"\n" + "  verify: " + verify + "\n}\n";
    }

    private static void assertRoundTrip(Connection connection) throws Exception {
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(connection.getServerInfo().isTLSRequired()).isTrue();
        Subscription sub = connection.subscribe("official.secured");
        connection.flush(Duration.ofSeconds(5));
        connection.publish("official.secured", "hi".getBytes(StandardCharsets.UTF_8));
        Message message = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(message).isNotNull();
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

}
