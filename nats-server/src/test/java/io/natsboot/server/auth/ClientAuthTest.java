package io.natsboot.server.auth;

import io.nats.client.AuthHandler;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client authentication end to end: jnats over real sockets, and raw sockets for the exact bytes. */
class ClientAuthTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String VIOLATION = "-ERR 'Authorization Violation'\r\n";

    private static NatsServer start(Consumer<ServerOptions> customizer) {
        return TestServers.start(customizer);
    }

    /**
     * jnats waits for the PONG until its connection timeout even after the server refused it (also with nats-server):
     * a short timeout keeps the test fast, and the -ERR arrives within milliseconds.
     */
    private static Options.Builder refused(NatsServer server) {
        return client(server).connectionTimeout(Duration.ofSeconds(1));
    }

    private static Options.Builder client(NatsServer server) {
        return new Options.Builder().server(server.clientUrl()).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(10));
    }

    /** Publishes and receives one message, proving the connection works. */
    private static void roundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("auth.test");
        nc.publish("auth.test", "hi".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void userAndPassword() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setUser("alice").setPassword("secret"))) {
            try (Connection nc = Nats.connect(client(server).userInfo("alice", "secret").build())) {
                roundTrip(nc);
            }
            assertThatThrownBy(() -> Nats.connect(refused(server).userInfo("alice", "wrong").build()))
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> Nats.connect(refused(server).build()))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void token() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setToken("s3cr3t"))) {
            try (Connection nc = Nats.connect(client(server).token("s3cr3t".toCharArray()).build())) {
                roundTrip(nc);
            }
            assertThatThrownBy(() -> Nats.connect(refused(server).token("nope".toCharArray()).build()))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void usersWithPlainAndBcryptPasswords() throws Exception {
        String hash = BCrypt.hashpw("bcrypted", BCrypt.gensalt(4));
        try (NatsServer server = start(o -> {
            o.getAuthorization().getUsers().add(new AuthUser("alice", hash));
            o.getAuthorization().getUsers().add(new AuthUser("bob", "plain"));
        })) {
            try (Connection a = Nats.connect(client(server).userInfo("alice", "bcrypted").build());
                 Connection b = Nats.connect(client(server).userInfo("bob", "plain").build())) {
                assertThat(server.clients()).extracting(ClientConnection::authorizedUser)
                        .containsExactlyInAnyOrder("alice", "bob");
                Subscription sub = b.subscribe("x");
                b.flush(WAIT);
                a.publish("x", new byte[] {1});
                assertThat(sub.nextMessage(WAIT)).isNotNull();
            }
            assertThatThrownBy(() -> Nats.connect(refused(server).userInfo("alice", hash).build()))
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> Nats.connect(refused(server).userInfo("carol", "plain").build()))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    /**
     * A bcrypt check takes long on purpose; it runs off the event loops, so while two slow logins are being checked a
     * plain-password client on the same loops logs in and exchanges messages, and the slow ones then go on with the
     * ops they sent right behind their CONNECT.
     */
    @Test
    void bcryptLoginsDoNotHoldUpOtherClients() throws Exception {
        // cost 14: a second or more per check even on a fast machine, far longer than the plain client needs
        String slowHash = BCrypt.hashpw("slow", BCrypt.gensalt(14));
        try (NatsServer server = start(o -> {
            o.getAuthorization().setTimeout(Duration.ofMinutes(2));
            o.getAuthorization().getUsers().add(new AuthUser("slow", slowHash));
            o.getAuthorization().getUsers().add(new AuthUser("fast", "plain"));
        });
             RawClient first = RawClient.connect(server.port());
             RawClient second = RawClient.connect(server.port())) {
            String slowLogin = "CONNECT {\"verbose\":false,\"user\":\"slow\",\"pass\":\"slow\"}\r\nPING\r\n";
            first.send(slowLogin);
            second.send(slowLogin);
            try (Connection fast = Nats.connect(client(server).userInfo("fast", "plain").build())) {
                roundTrip(fast);
                assertThat(server.clients()).extracting(ClientConnection::authorizedUser)
                        .as("the slow logins are still being checked").containsExactlyInAnyOrder(null, null, "fast");
            }
            // (the server's own first PING may follow the PONG: it comes 2 s after the login, whatever the client did)
            for (RawClient slow : List.of(first, second)) {
                assertThat(slow.readUntil(t -> t.contains("PONG\r\n"), Duration.ofMinutes(1))).isTrue();
                assertThat(slow.text()).startsWith("PONG\r\n");
            }
        }
    }

    @Test
    void noAuthUserLetsAClientWithoutCredentialsIn() throws Exception {
        try (NatsServer server = start(o -> {
            o.getAuthorization().getUsers().add(new AuthUser("bob", "pw"));
            o.getAuthorization().setNoAuthUser("bob");
        })) {
            try (Connection nc = Nats.connect(client(server).build())) {
                roundTrip(nc);
            }
            assertThatThrownBy(() -> Nats.connect(refused(server).userInfo("bob", "bad").build()))
                    .isInstanceOf(AuthenticationException.class);
            try (RawClient raw = RawClient.connect(server.port())) {
                assertThat(raw.info()).doesNotContain("auth_required").doesNotContain("nonce");
                // no CONNECT needed: the silent client is bob
                assertThat(raw.sync()).isEqualTo("PONG\r\n");
            }
        }
    }

    @Test
    void nkeyUsersSignTheNonceWithJnats() throws Exception {
        NKey key = NKey.createUser(new SecureRandom());
        NKey stranger = NKey.createUser(new SecureRandom());
        try (NatsServer server = start(o ->
                o.getAuthorization().getNkeys().add(new NkeyUser(publicKey(key))))) {
            try (RawClient raw = RawClient.connect(server.port())) {
                assertThat(raw.info()).contains("\"auth_required\":true")
                        .containsPattern("\"client_ip\":\"127.0.0.1\",\"nonce\":\"[A-Za-z0-9_-]{15}\"");
            }
            try (Connection nc = Nats.connect(client(server).authHandler(handler(key)).build())) {
                roundTrip(nc);
            }
            assertThatThrownBy(() -> Nats.connect(refused(server).authHandler(handler(stranger)).build()))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    private static String publicKey(NKey key) {
        try {
            return new String(key.getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthHandler handler(NKey key) {
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return key.sign(nonce);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                return publicKey(key).toCharArray();
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
    }

    @Test
    void infoSaysAuthRequiredWithoutNonceForPasswords() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setUser("u").setPassword("p"));
             RawClient raw = RawClient.connect(server.port())) {
            assertThat(raw.info()).contains("\"headers\":true,\"auth_required\":true,\"max_payload\":1048576")
                    .doesNotContain("nonce");
        }
    }

    @Test
    void wrongCredentialsGetAuthorizationViolationAndAreClosedAndLogged() throws Exception {
        try (LogRecorder log = new LogRecorder("io.natsboot.server.client.ClientConnection", Level.SEVERE);
             NatsServer server = start(o -> o.getAuthorization().getUsers().add(new AuthUser("alice", "pw")));
             RawClient raw = RawClient.connect(server.port())) {
            raw.send("CONNECT {\"verbose\":true,\"user\":\"alice\",\"pass\":\"nope\"}\r\nPING\r\n");
            assertThat(raw.readUntilClosed(WAIT)).isEqualTo(VIOLATION);
            assertThat(raw.isClosed()).isTrue();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .matches("SEVERE 127\\.0\\.0\\.1:\\d+ - cid:\\d+ - authentication error - User \"alice\""));
        }
    }

    @Test
    void verboseOkComesOnlyAfterAuthentication() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setUser("u").setPassword("p"));
             RawClient raw = RawClient.connect(server.port())) {
            raw.send("CONNECT {\"verbose\":true,\"user\":\"u\",\"pass\":\"p\"}\r\n");
            assertThat(raw.sync()).isEqualTo("+OK\r\nPONG\r\n");
        }
    }

    @Test
    void anyOpBeforeConnectIsAnAuthorizationViolation() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setToken("t"))) {
            for (String op : new String[] {"PING\r\n", "PONG\r\n", "SUB foo 1\r\n", "PUB foo 1\r\nx\r\n",
                "UNSUB 1\r\n", "INFO {}\r\n", "HPUB foo 0 0\r\n\r\n", "PU", "XYZ\r\n", "\r\n", "-ERR 'x'\r\n"}) {
                try (RawClient raw = RawClient.connect(server.port())) {
                    raw.send(op + "PING\r\n");
                    assertThat(raw.readUntilClosed(WAIT)).as(op).isEqualTo(VIOLATION);
                    assertThat(raw.isClosed()).as(op).isTrue();
                }
            }
        }
    }

    @Test
    void silentClientGetsAuthenticationTimeout() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setToken("t").setTimeout(Duration.ofMillis(300)));
             RawClient raw = RawClient.connect(server.port())) {
            long start = System.nanoTime();
            assertThat(raw.readUntilClosed(WAIT)).isEqualTo("-ERR 'Authentication Timeout'\r\n");
            assertThat(raw.isClosed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void halfAConnectIsCutByTheAuthTimer() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setToken("t").setTimeout(Duration.ofMillis(300)));
             RawClient raw = RawClient.connect(server.port())) {
            raw.send("CONNECT {\"auth_tok");
            assertThat(raw.readUntilClosed(WAIT)).isEqualTo("-ERR 'Authentication Timeout'\r\n");
        }
    }

    @Test
    void optionsSetInCodeAreCheckedAtStartLikeNatsServer() {
        assertThatThrownBy(() -> start(o -> {
            o.getAuthorization().getUsers().add(new AuthUser("bob", "pw"));
            o.getAuthorization().setNoAuthUser("alice");
        })).isInstanceOf(ServerStartException.class).hasMessage(
                "no_auth_user: \"alice\" not present as user in authorization block or account configuration");
        assertThatThrownBy(() -> start(o -> o.getAuthorization().setNoAuthUser("alice")))
                .isInstanceOf(ServerStartException.class)
                .hasMessage("no_auth_user: \"alice\" present, but users are not defined");
        assertThatThrownBy(() -> start(o -> {
            o.getAuthorization().setToken("t");
            o.getAuthorization().getUsers().add(new AuthUser("bob", "pw"));
        })).isInstanceOf(ServerStartException.class).hasMessage("Can not have a token and a users array");
        assertThatThrownBy(() -> start(o -> o.getAuthorization().getNkeys().add(new NkeyUser("Ubad"))))
                .isInstanceOf(ServerStartException.class).hasMessage("Not a valid public nkey for a user");
    }

    @Test
    void authenticatedClientIsNotTimedOut() throws Exception {
        try (NatsServer server = start(o -> o.getAuthorization().setToken("t").setTimeout(Duration.ofMillis(200)));
             RawClient raw = RawClient.connect(server.port())) {
            raw.send("CONNECT {\"verbose\":false,\"auth_token\":\"t\"}\r\n");
            assertThat(raw.sync()).isEqualTo("PONG\r\n");
            Thread.sleep(500); // longer than the auth timeout: nothing may come
            assertThat(raw.sync()).isEqualTo("PONG\r\nPONG\r\n");
        }
    }
}
