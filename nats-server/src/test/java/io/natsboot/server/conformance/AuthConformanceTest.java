package io.natsboot.server.conformance;

import io.natsboot.server.test.InfoFields;
import io.natsboot.server.test.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.natsboot.server.test.RawClient.CLOSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication and the accept-time timers, conversation by conversation, against natsboot and the official
 * nats-server 2.9.10 with the same configuration: both must send exactly the bytes in the table.
 */
class AuthConformanceTest {

    private static final String OK = "+OK\r\n";
    private static final String PONG = "PONG\r\n";
    private static final String VIOLATION = err("Authorization Violation") + CLOSED;
    private static final String TIMEOUT = err("Authentication Timeout") + CLOSED;
    private static final String ALICE = "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"secret\"}\r\n";

    private static ServerPairs servers;

    @BeforeAll
    static void checkBinary() {
        NatsServerProcess.requireBinary();
        servers = new ServerPairs();
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    private static String err(String text) {
        return "-ERR '" + text + "'\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void natsbootAnswersLikeNatsServer(Conversation conversation) {
        ServerPairs.Pair pair = servers.get(conversation.profile());
        Map<Integer, String> expected = conversation.expected();

        Map<Integer, String> official = conversation.run(pair.natsServer().port());
        assertThat(official).as("nats-server (the table must say what it does)").isEqualTo(expected);

        Map<Integer, String> natsboot = conversation.run(pair.natsboot().port());
        assertThat(natsboot).as("natsboot, compared with nats-server").isEqualTo(official);
    }

    static Stream<Conversation> conversations() {
        return Stream.of(userPassword(), token(), users(), noAuthUser(), beforeConnect(), permissions())
                .flatMap(List::stream);
    }

    static List<Conversation> userPassword() {
        Profile p = Profile.USER_AUTH;
        return List.of(
                Conversation.named("user/password accepted", p).send(ALICE + "PING\r\n").expect(PONG),
                Conversation.named("verbose +OK after authentication", p)
                        .send("CONNECT {\"verbose\":true,\"user\":\"alice\",\"pass\":\"secret\"}\r\nPING\r\n")
                        .expect(OK + PONG),
                Conversation.named("wrong password", p)
                        .send("CONNECT {\"verbose\":true,\"user\":\"alice\",\"pass\":\"nope\"}\r\nPING\r\n")
                        .expect(VIOLATION),
                Conversation.named("wrong user", p)
                        .send("CONNECT {\"user\":\"bob\",\"pass\":\"secret\"}\r\nPING\r\n").expect(VIOLATION),
                Conversation.named("no credentials", p).send("CONNECT {}\r\nPING\r\n").expect(VIOLATION),
                Conversation.named("credentials checked before the protocol version", p)
                        .send("CONNECT {\"user\":\"alice\",\"pass\":\"x\",\"protocol\":2}\r\n").expect(VIOLATION),
                Conversation.named("protocol version checked once authenticated", p)
                        .send("CONNECT {\"user\":\"alice\",\"pass\":\"secret\",\"protocol\":2}\r\n")
                        .expect(err("invalid client protocol") + CLOSED),
                Conversation.named("account in an authenticated CONNECT", p)
                        .send("CONNECT {\"user\":\"alice\",\"pass\":\"secret\",\"account\":\"A\"}\r\n")
                        .expect(VIOLATION),
                Conversation.named("a second CONNECT is authenticated again", p)
                        .send("CONNECT {\"verbose\":true,\"user\":\"alice\",\"pass\":\"secret\"}\r\n"
                                + "CONNECT {\"pass\":\"bad\"}\r\nPING\r\n")
                        .expect(OK + VIOLATION),
                Conversation.named("lower-case connect", p)
                        .send("connect {\"verbose\":false,\"user\":\"alice\",\"pass\":\"secret\"}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("silent client times out", p).send("").expect(TIMEOUT),
                Conversation.named("half a CONNECT times out", p).send("CONNECT {\"user\":").expect(TIMEOUT));
    }

    static List<Conversation> token() {
        Profile p = Profile.TOKEN_AUTH;
        return List.of(
                Conversation.named("token accepted", p)
                        .send("CONNECT {\"verbose\":false,\"auth_token\":\"s3cr3t\"}\r\nPING\r\n").expect(PONG),
                Conversation.named("wrong token", p)
                        .send("CONNECT {\"auth_token\":\"s3cr3\"}\r\nPING\r\n").expect(VIOLATION),
                Conversation.named("user/password where a token is wanted", p)
                        .send("CONNECT {\"user\":\"s3cr3t\",\"pass\":\"s3cr3t\"}\r\nPING\r\n").expect(VIOLATION));
    }

    static List<Conversation> users() {
        Profile p = Profile.USERS_AUTH;
        return List.of(
                Conversation.named("bcrypt user accepted", p)
                        .send("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"pw\"}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("plain user accepted", p)
                        .send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"pw\"}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("the bcrypt hash is not the password", p)
                        .send("CONNECT {\"user\":\"alice\",\"pass\":\"" + AuthFixtures.BCRYPT_PW + "\"}\r\n")
                        .expect(VIOLATION),
                Conversation.named("unknown user", p)
                        .send("CONNECT {\"user\":\"carol\",\"pass\":\"pw\"}\r\n").expect(VIOLATION),
                Conversation.named("nkey with a bad signature", p)
                        .send("CONNECT {\"nkey\":\"" + AuthFixtures.NKEY_PUBLIC + "\",\"sig\":\"AAAA\"}\r\n")
                        .expect(VIOLATION),
                Conversation.named("nkey without a signature", p)
                        .send("CONNECT {\"nkey\":\"" + AuthFixtures.NKEY_PUBLIC + "\"}\r\n").expect(VIOLATION),
                Conversation.named("nkey wins over a right user/password", p)
                        .send("CONNECT {\"nkey\":\"" + AuthFixtures.NKEY_PUBLIC
                                + "\",\"user\":\"bob\",\"pass\":\"pw\"}\r\n")
                        .expect(VIOLATION));
    }

    static List<Conversation> noAuthUser() {
        Profile p = Profile.NO_AUTH_USER;
        return List.of(
                Conversation.named("no_auth_user: ops without CONNECT", p)
                        .send("SUB foo 1\r\nPUB foo 1\r\nx\r\nPING\r\n").expect(OK + OK + "MSG foo 1 1\r\nx\r\n" + PONG),
                Conversation.named("no_auth_user: empty CONNECT", p).send("CONNECT {}\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("no_auth_user: the named user with its password", p)
                        .send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"pw\"}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("no_auth_user: a wrong password is still refused", p)
                        .send("CONNECT {\"user\":\"bob\",\"pass\":\"x\"}\r\nPING\r\n").expect(VIOLATION));
    }

    static List<Conversation> beforeConnect() {
        List<Conversation> out = new ArrayList<>();
        String[] firstOps = {"PING\r\n", "PONG\r\n", "SUB foo 1\r\n", "UNSUB 1\r\n", "PUB foo 1\r\nx\r\n",
            "HPUB foo 0 0\r\n\r\n", "INFO {}\r\n", "+OK\r\n", "-ERR 'x'\r\n", "XYZ\r\n", "\r\n", "P", "MSG"};
        for (String op : firstOps) {
            out.add(Conversation.named("under auth, first op " + op.trim() + " is refused", Profile.USER_AUTH)
                    .send(op).expect(VIOLATION));
        }
        // without auth, the PING timer runs from accept: a socket that never completes an op is found stale
        out.add(Conversation.named("no CONNECT, half an op: PINGs then Stale Connection", Profile.FAST_PING)
                .send("PU").expect("PING\r\nPING\r\n" + err("Stale Connection") + CLOSED));
        out.add(Conversation.named("no CONNECT, nothing sent: PINGs then Stale Connection", Profile.FAST_PING)
                .send("").expect("PING\r\nPING\r\n" + err("Stale Connection") + CLOSED));
        return out;
    }

    /** The permissions of the user a client logged in as are the ones enforced. */
    static List<Conversation> permissions() {
        Profile p = Profile.USERS_PERMISSIONS;
        String asP = "CONNECT {\"verbose\":false,\"user\":\"p\",\"pass\":\"pw\"}\r\n";
        String asD = "CONNECT {\"verbose\":false,\"user\":\"d\",\"pass\":\"pw\"}\r\n";
        return List.of(
                Conversation.named("logged-in user's own permissions", p)
                        .send(asP + "SUB ok.a 1\r\nSUB def.a 2\r\nPUB ok.a 1\r\nx\r\nPUB ok.no 1\r\ny\r\n"
                                + "PUB def.a 1\r\nz\r\nPING\r\n")
                        .expect(err("Permissions Violation for Subscription to \"def.a\"") + "MSG ok.a 1 1\r\nx\r\n"
                                + err("Permissions Violation for Publish to \"ok.no\"")
                                + err("Permissions Violation for Publish to \"def.a\"") + PONG),
                Conversation.named("a user without its own permissions gets the defaults", p)
                        .send(asD + "SUB def.a 1\r\nSUB ok.a 2\r\nPUB def.a 1\r\nx\r\nPING\r\n")
                        .expect(err("Permissions Violation for Subscription to \"ok.a\"") + "MSG def.a 1 1\r\nx\r\n"
                                + PONG),
                Conversation.named("no_auth_user's permissions bind a client that never sends CONNECT", p)
                        .send("SUB ok.a 1\r\nPUB ok.a 1\r\nx\r\nPING\r\n")
                        .expect(err("Permissions Violation for Subscription to \"ok.a\"")
                                + err("Permissions Violation for Publish to \"ok.a\"") + PONG));
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = {"USER_AUTH", "TOKEN_AUTH", "USERS_AUTH", "NO_AUTH_USER"})
    void infoHasTheAuthFieldsOfNatsServer(Profile profile) throws Exception {
        ServerPairs.Pair pair = servers.get(profile);
        try (RawClient a = RawClient.connect(pair.natsServer().port());
             RawClient b = RawClient.connect(pair.natsboot().port())) {
            Map<String, String> expected = InfoFields.of(a.info());
            Map<String, String> actual = InfoFields.of(b.info());
            List<String> expectedKeys = new ArrayList<>(expected.keySet());
            expectedKeys.remove("go");
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(expectedKeys);
            assertThat(actual.get("auth_required")).isEqualTo(expected.get("auth_required"));
            if (expected.containsKey("nonce")) {
                assertThat(expected.get("nonce")).matches("\"[A-Za-z0-9_-]{15}\"");
                assertThat(actual.get("nonce")).matches("\"[A-Za-z0-9_-]{15}\"");
            }
        }
    }

}
