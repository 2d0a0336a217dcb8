package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.route.RouteManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Applications whose embedded node takes its TLS from Spring Boot SSL bundles: the application's own
 * {@link Connection} goes over TLS by itself, outside clients need the bundle's trust (and, with {@code verify}, a
 * certificate of the same CA), and two nodes form a cluster over TLS routes with route credentials. Every
 * certificate is made by the test.
 */
@Timeout(90)
class NatsTlsEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path certDir;

    static TestCertificates certs;

    private ApplicationContextRunner contextRunner;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(certDir);
    }

    private ApplicationContextRunner runner() {
        if (this.contextRunner == null) {
            this.contextRunner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
                        NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class))
                .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1")
                .withPropertyValues(certs.bundle("node", "node"))
                .withPropertyValues(certs.bundle("client", "client"))
                .withPropertyValues(certs.bundle("rogue", "rogue"))
                .withPropertyValues(certs.trustOnly("trust"));
        }
        return this.contextRunner;
    }

    @Test
    void injectedConnectionGoesOverTlsAndPlainClientsAreRefused() {
        runner().withPropertyValues("nats.server.tls.bundle=node").run((context) -> {
            assertThat(context).hasNotFailed();
            Connection connection = context.getBean(Connection.class);
            assertThat(connection.getServerInfo().isTLSRequired()).isTrue();
            assertThat(connection.getOptions().getSslContext()).isNotNull();
            assertRoundTrip(connection, "tls.injected");
            String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
            assertRefused(options(url));
            try (Connection outside = Nats.connect(options(url).sslContext(sslContext(context, "trust")).build())) {
                assertRoundTrip(outside, "tls.outside");
            }
        });
    }

    @Test
    void clientBundleIsUsedForAnExternalServer() {
        runner().withPropertyValues("nats.server.tls.bundle=node").run((node) -> {
            String url = node.getBean(EmbeddedNatsServer.class).getClientUrl();
            runner()
                .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + url,
                        "nats.client.tls.bundle=trust")
                .run((client) -> assertRoundTrip(client.getBean(Connection.class), "tls.external"));
        });
    }

    @Test
    void verifyAcceptsCertificatesOfTheTrustedCaOnly() {
        runner().withPropertyValues("nats.server.tls.bundle=node", "nats.server.tls.verify=true").run((context) -> {
            assertThat(context).hasNotFailed();
            assertRoundTrip(context.getBean(Connection.class), "mtls.injected");
            String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
            try (Connection withCert = Nats.connect(options(url).sslContext(sslContext(context, "client")).build())) {
                assertRoundTrip(withCert, "mtls.client");
            }
            assertRefused(options(url).sslContext(sslContext(context, "trust")));
            assertRefused(options(url).sslContext(sslContext(context, "rogue")));
        });
    }

    @Test
    void verifyAndMapLogsEachClientInAsTheUserItsCertificateNames() {
        // the application's own connection goes over TCP and presents the node's certificate, whose DNS name is
        // localhost (in-process it would have no certificate)
        runner().withPropertyValues("nats.server.tls.bundle=node", "nats.server.tls.verify-and-map=true",
                "nats.server.auth.users[0].user=localhost", "nats.server.auth.users[1].user=CN=client")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Connection.class).getConnectedUrl()).startsWith("nats://127.0.0.1:");
                assertRoundTrip(context.getBean(Connection.class), "mapped.injected");
                String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
                try (Connection client = Nats.connect(options(url).sslContext(sslContext(context, "client")).build())) {
                    assertRoundTrip(client, "mapped.client");
                    assertThat(context.getBean(EmbeddedNatsServer.class).getServer().clients())
                        .extracting(ClientConnection::authorizedUser)
                        .containsExactlyInAnyOrder("localhost", "CN=client");
                }
                assertRefused(options(url).sslContext(sslContext(context, "trust")));
            });
    }

    @Test
    void verifyAndMapRefusesAnInProcessApplicationConnection() {
        runner().withPropertyValues("nats.server.tls.bundle=node", "nats.server.tls.verify-and-map=true",
                "nats.server.auth.users[0].user=localhost", "nats.client.transport=in-process")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("nats.client.transport")
                .hasMessageContaining("verify-and-map"));
    }

    @Test
    void allowNonTlsLetsPlainAndTlsClientsIn() {
        runner().withPropertyValues("nats.server.tls.bundle=node", "nats.server.tls.allow-non-tls=true")
            .run((context) -> {
                assertRoundTrip(context.getBean(Connection.class), "mixed.injected");
                String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
                try (Connection plain = Nats.connect(options(url).build())) {
                    assertRoundTrip(plain, "mixed.plain");
                }
                try (Connection tls = Nats.connect(options(url).sslContext(sslContext(context, "trust")).build())) {
                    assertRoundTrip(tls, "mixed.tls");
                }
            });
    }

    @Test
    void twoNodesFormAClusterOverTlsRoutesWithRouteCredentials() {
        ApplicationContextRunner cluster = runner().withPropertyValues("nats.server.cluster.port=0",
                "nats.server.cluster.host=127.0.0.1", "nats.server.cluster.name=tls",
                "nats.server.cluster.tls.bundle=node", "nats.server.cluster.auth.user=route",
                "nats.server.cluster.auth.password=r0ute");
        cluster.withPropertyValues("nats.server.name=a").run((a) -> {
            String seed = "nats.server.cluster.routes=nats-route://127.0.0.1:"
                    + a.getEnvironment().getRequiredProperty("local.nats.server.cluster-port");
            cluster.withPropertyValues("nats.server.name=b", seed).run((b) -> {
                NatsServer serverA = server(a);
                NatsServer serverB = server(b);
                await().atMost(WAIT).until(() -> serverA.routeManager().routes().size() == 1
                        && serverB.routeManager().routes().size() == 1);
                Connection onA = a.getBean(Connection.class);
                Subscription sub = onA.subscribe("orders.tls");
                onA.flush(Duration.ofSeconds(5));
                await().atMost(WAIT).until(() -> serverB.routeManager().routes().get(0).subscriptionCount() == 1);
                b.getBean(Connection.class).publish("orders.tls", "1".getBytes(StandardCharsets.UTF_8));
                assertThat(sub.nextMessage(Duration.ofSeconds(10))).isNotNull();
            });
            RecordingLogHandler log = RecordingLogHandler.install(RouteManager.class.getName());
            try {
                cluster.withPropertyValues("nats.server.name=rogue", seed, "nats.server.cluster.tls.bundle=rogue")
                    .run((rogue) -> {
                        // a certificate of another CA: node a refuses the handshake, and logs it
                        await().atMost(WAIT).until(() -> log.contains("handshake error"));
                        assertThat(server(rogue).routeManager().routes()).isEmpty();
                        assertThat(server(a).routeManager().routes()).isEmpty();
                    });
            }
            finally {
                log.uninstall();
            }
        });
    }

    private static void assertRoundTrip(Connection connection, String subject) throws Exception {
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        Subscription sub = connection.subscribe(subject);
        connection.flush(Duration.ofSeconds(5));
        connection.publish(subject, "hi".getBytes(StandardCharsets.UTF_8));
        Message message = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(message).isNotNull();
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    private static void assertRefused(Options.Builder builder) {
        // jnats reports a refusal only when its connection timeout ends, even after the server's -ERR (it does
        // so with nats-server): a short timeout keeps the test fast; the -ERR arrives within milliseconds.
        builder.connectionTimeout(Duration.ofSeconds(1));
        assertThatException().isThrownBy(() -> Nats.connect(builder.build()).close());
    }

    private static Options.Builder options(String url) {
        return new Options.Builder().server(url).maxReconnects(0).connectionTimeout(Duration.ofSeconds(10)).noReconnect();
    }

    private static SSLContext sslContext(ApplicationContext context, String bundle) {
        return context.getBean(SslBundles.class).getBundle(bundle).createSslContext();
    }

    private static NatsServer server(ApplicationContext context) {
        return context.getBean(EmbeddedNatsServer.class).getServer();
    }

}
