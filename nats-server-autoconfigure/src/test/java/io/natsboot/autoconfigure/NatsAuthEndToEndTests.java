package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.route.RouteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.bcrypt.BCrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Applications whose embedded node requires credentials: the application's own {@link Connection} logs in by
 * itself, outside clients need the right credentials, and route credentials keep foreign nodes out of the cluster.
 */
@Timeout(60)
class NatsAuthEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NatsServerAutoConfiguration.class,
                NatsClientAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @Test
    void injectedConnectionUsesTheNodesUserAndWrongCredentialsAreRefused() {
        this.contextRunner.withPropertyValues("nats.server.auth.user=app", "nats.server.auth.password=s3cret")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertRoundTrip(context.getBean(Connection.class), "auth.single");
                String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
                assertRefused(options(url).userInfo("app", "wrong"));
                assertRefused(options(url));
                try (Connection outside = Nats.connect(options(url).userInfo("app", "s3cret").build())) {
                    assertRoundTrip(outside, "auth.outside");
                }
            });
    }

    @Test
    void injectedConnectionUsesTheNodesToken() {
        this.contextRunner.withPropertyValues("nats.server.auth.token=t0ken").run((context) -> {
            assertRoundTrip(context.getBean(Connection.class), "auth.token");
            String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
            assertRefused(options(url).token("nope".toCharArray()));
        });
    }

    @Test
    void usersListNeedsTheClientsOwnCredentials() {
        this.contextRunner
            .withPropertyValues("nats.server.auth.users[0].user=alice", "nats.server.auth.users[0].password=pa",
                    "nats.server.auth.users[1].user=bob", "nats.server.auth.users[1].password=pb",
                    "nats.client.user=bob", "nats.client.password=pb")
            .run((context) -> {
                assertRoundTrip(context.getBean(Connection.class), "auth.users");
                String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
                assertRefused(options(url).userInfo("alice", "pb"));
            });
    }

    @Test
    void usersPermissionsAreEnforcedAndResponsesAllowed() {
        List<String> errors = new CopyOnWriteArrayList<>();
        this.contextRunner
            .withPropertyValues("nats.server.auth.users[0].user=app", "nats.server.auth.users[0].password=pa",
                    "nats.server.auth.users[0].permissions.publish.allow=orders.>,quote",
                    "nats.server.auth.users[0].permissions.subscribe.allow=_INBOX.>,orders.>",
                    "nats.server.auth.users[1].user=quoter", "nats.server.auth.users[1].password=pq",
                    "nats.server.auth.users[1].permissions.subscribe.allow=quote",
                    "nats.server.auth.users[1].permissions.publish.deny=>",
                    "nats.server.auth.users[1].permissions.allow-responses.enabled=true",
                    "nats.client.user=app", "nats.client.password=pa")
            .withBean(NatsOptionsBuilderCustomizer.class, () -> (builder) -> builder.errorListener(new ErrorListener() {
                @Override
                public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                }
            }))
            .run((context) -> {
                Connection app = context.getBean(Connection.class);
                assertRoundTrip(app, "orders.allowed");
                String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
                try (Connection quoter = Nats.connect(options(url).userInfo("quoter", "pq").build())) {
                    Dispatcher dispatcher = quoter.createDispatcher((request) -> quoter.publish(request.getReplyTo(),
                            "42".getBytes(StandardCharsets.UTF_8)));
                    dispatcher.subscribe("quote");
                    quoter.flush(Duration.ofSeconds(5));
                    Message reply = app.request("quote", new byte[0], Duration.ofSeconds(5));
                    assertThat(reply).isNotNull();
                    assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("42");
                }
                app.publish("admin.reset", new byte[0]);
                app.flush(Duration.ofSeconds(5));
                await().atMost(WAIT).until(() -> errors.contains("Permissions Violation for Publish to \"admin.reset\""));
                assertThat(app.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                assertRoundTrip(app, "orders.still");
            });
    }

    @Test
    void bcryptAndNkeyUsersLogIn() throws Exception {
        NKey nkey = NKey.createUser(new SecureRandom());
        String hash = BCrypt.hashpw("pb", BCrypt.gensalt("$2a", 4));
        this.contextRunner
            .withPropertyValues("nats.server.auth.users[0].user=bob", "nats.server.auth.users[0].password=" + hash,
                    "nats.server.auth.users[1].nkey=" + new String(nkey.getPublicKey()), "nats.client.user=bob",
                    "nats.client.password=pb")
            .run((context) -> {
                assertRoundTrip(context.getBean(Connection.class), "auth.bcrypt");
                String url = context.getBean(EmbeddedNatsServer.class).getClientUrl();
                try (Connection signed = Nats
                    .connect(options(url).authHandler(Nats.staticCredentials(null, nkey.getSeed())).build())) {
                    assertRoundTrip(signed, "auth.nkey");
                }
                NKey other = NKey.createUser(new SecureRandom());
                assertRefused(options(url).authHandler(Nats.staticCredentials(null, other.getSeed())));
                assertRefused(options(url).userInfo("bob", hash));
            });
    }

    @Test
    void noAuthUserLetsAClientWithoutCredentialsIn() {
        this.contextRunner
            .withPropertyValues("nats.server.auth.users[0].user=guest", "nats.server.auth.users[0].password=pg",
                    "nats.server.auth.no-auth-user=guest")
            .run((context) -> assertRoundTrip(context.getBean(Connection.class), "auth.guest"));
    }

    @Test
    void explicitServersDoNotBorrowTheEmbeddedNodesCredentials() {
        this.contextRunner.withPropertyValues("nats.server.auth.token=t0ken").run((node) -> {
            String url = node.getBean(EmbeddedNatsServer.class).getClientUrl();
            this.contextRunner
                .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + url,
                        "nats.client.max-reconnects=0")
                .run((client) -> assertThat(client).hasFailed());
            this.contextRunner
                .withPropertyValues("nats.server.enabled=false", "nats.client.servers=" + url,
                        "nats.client.token=t0ken")
                .run((client) -> assertRoundTrip(client.getBean(Connection.class), "auth.external"));
        });
    }

    @Test
    void routeCredentialsFormTheClusterAndKeepAForeignNodeOut() {
        ApplicationContextRunner cluster = this.contextRunner.withPropertyValues("nats.server.cluster.port=0",
                "nats.server.cluster.name=secured", "nats.server.cluster.host=127.0.0.1",
                "nats.server.cluster.auth.user=route", "nats.server.cluster.auth.password=r0ute");
        RecordingLogHandler log = RecordingLogHandler.install(RouteConnection.class.getName());
        try {
            cluster.withPropertyValues("nats.server.name=a").run((a) -> {
                int clusterPort = clusterPort(a);
                String seed = "nats.server.cluster.routes=nats-route://127.0.0.1:" + clusterPort;
                cluster.withPropertyValues("nats.server.name=b", seed).run((b) -> {
                    NatsServer serverA = server(a);
                    NatsServer serverB = server(b);
                    await().atMost(WAIT).until(() -> serverA.routeManager().routes().size() == 1
                            && serverB.routeManager().routes().size() == 1);
                    Connection onA = a.getBean(Connection.class);
                    Subscription sub = onA.subscribe("orders.routed");
                    onA.flush(Duration.ofSeconds(5));
                    await().atMost(WAIT).until(() -> serverB.routeManager().routes().get(0).subscriptionCount() == 1);
                    b.getBean(Connection.class).publish("orders.routed", "1".getBytes(StandardCharsets.UTF_8));
                    assertThat(sub.nextMessage(Duration.ofSeconds(10))).isNotNull();

                    cluster.withPropertyValues("nats.server.name=intruder", seed,
                            "nats.server.cluster.auth.password=guess").run((intruder) -> {
                                await().atMost(WAIT).until(() -> log.contains("authentication error"));
                                assertThat(server(intruder).routeManager().routes()).isEmpty();
                                assertThat(serverA.routeManager().routes()).hasSize(1);
                            });
                });
            });
        }
        finally {
            log.uninstall();
        }
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
        assertThatException().isThrownBy(() -> {
            try (Connection connection = Nats.connect(builder.build())) {
                // reaching this line would mean the server let the client in
            }
        }).satisfies((ex) -> assertThat(ex).isInstanceOfAny(AuthenticationException.class, java.io.IOException.class)
            .hasMessageContaining("Authorization Violation"));
    }

    private static Options.Builder options(String url) {
        return new Options.Builder().server(url).maxReconnects(0).connectionTimeout(Duration.ofSeconds(10)).noReconnect();
    }

    private static NatsServer server(ApplicationContext context) {
        return context.getBean(EmbeddedNatsServer.class).getServer();
    }

    private static int clusterPort(ApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.nats.server.cluster-port", Integer.class);
    }

}
