package io.natsboot.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.test.LogRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the client side with authentication and permissions on: the fuzzed client must log in
 * (a plain, a bcrypt or an nkey user; the first op gate, the auth timer and the nonce are in play), and the user
 * {@code a} it may log in as has publish and subscribe allow/deny lists and {@code allow_responses}. A well-behaved
 * client, logged in as {@code open}, subscribes to everything and sends requests whose reply subjects only a response
 * permit lets {@code a} publish to. See {@link FuzzWorld} for what must hold after each input.
 *
 * <p>The input is played as in {@link Script}, except that when its flag bit is set, each NUL byte of the stream is a
 * cue instead of a byte sent: the well-behaved client then publishes request number k (k = 1, 2, ...), to
 * {@code s.r} and, with headers, to {@code s.q}, both with reply subject {@code r.k}.
 *
 * <p>Regression mode (the default): replays {@code SecuredClientFuzzTestInputs/securedClient/*}. Fuzzing mode
 * ({@code JAZZER_FUZZ=1}, the {@code fuzz-secured-client} Surefire execution in {@code mvn verify}): Jazzer mutates
 * those inputs for {@code jazzer.max_duration} (Maven property {@code fuzz.duration}).
 */
class SecuredClientFuzzTest {

    /** A user nkey whose private half nobody kept: logging in with it can only fail, but INFO carries a nonce. */
    static final String NKEY = "UA4EEAH7FDWYCNV263PXSNM46NWYV4SHZAD6DWU4YKPL6NK2E5PIHBU7";
    /** Cost 4, the lowest bcrypt allows, so that inputs logging in as {@code h} stay fast. */
    private static final String H_HASH = BCrypt.hashpw("h", BCrypt.gensalt(4));
    static final int MAX_CONTROL_LINE = 256;
    /** Bounds the requests one input can cause. */
    private static final int MAX_CUES = 32;

    /** The well-behaved client: as {@link ClientFuzzTest#WATCHER}, logged in as {@code open}. */
    static final String WATCHER = "CONNECT {\"headers\":true,\"no_responders\":true,\"user\":\"open\","
            + "\"pass\":\"open\"}\r\nSUB > 1\r\nSUB > q 2\r\nPING\r\n";

    private static LogRecorder logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogRecorder.exceptionsSilencingConsole();
    }

    @AfterAll
    static void restoreLogs() {
        logs.close();
    }

    /**
     * {@code authorization { users: [ {user: a, password: b, permissions: {...}}, {user: open, password: open},
     * {user: h, password: <bcrypt of h>} ], nkeys: [ {nkey: NKEY} ] }}, no token.
     */
    static void secure(ServerOptions options) {
        // room for an nkey CONNECT (nkey and signature alone are 144 bytes)
        options.setMaxControlLine(MAX_CONTROL_LINE);
        Permissions.SubjectPermission publish = new Permissions.SubjectPermission();
        publish.getAllow().addAll(List.of("p.>", "_INBOX.>"));
        publish.getDeny().add("p.x");
        Permissions.SubjectPermission subscribe = new Permissions.SubjectPermission();
        subscribe.getAllow().addAll(List.of("s.*", "s.q q1", "_INBOX.>"));
        subscribe.getDeny().add("s.no");
        Permissions permissions = new Permissions().setPublish(publish).setSubscribe(subscribe)
                .setResponse(new Permissions.ResponsePermission().setMaxMsgs(2));
        ServerOptions.Authorization auth = options.getAuthorization();
        auth.getUsers().add(new AuthUser("a", "b").setPermissions(permissions));
        auth.getUsers().add(new AuthUser("open", "open"));
        auth.getUsers().add(new AuthUser("h", H_HASH));
        auth.getNkeys().add(new NkeyUser(NKEY));
    }

    @FuzzTest(maxDuration = "20s")
    void securedClient(byte[] input) {
        Script script = Script.of(input);
        try (FuzzWorld world = new FuzzWorld(SecuredClientFuzzTest::secure)) {
            FuzzWorld.Peer watcher = world.client();
            watcher.write(WATCHER);
            FuzzWorld.Peer fuzzed = world.client();
            List<byte[]> parts = parts(script);
            for (int k = 0; k < parts.size(); k++) {
                if (k > 0) {
                    watcher.write(request(k));
                }
                new Script(script.chunking(), script.secondsPerRead(), script.flag(), parts.get(k))
                        .play(world, fuzzed);
            }
            watcher.write("PING\r\n");
        }
        logs.assertNoExceptionLogged();
    }

    /** Request k of the well-behaved client: one plain, one with headers, both asking for a reply on r.k. */
    static String request(int k) {
        return "PUB s.r r." + k + " 2\r\nhi\r\nHPUB s.q r." + k + " 12 14\r\nNATS/1.0\r\n\r\nhi\r\n";
    }

    /** The stream cut at its NUL cues (flag set, at most {@link #MAX_CUES}), else whole. */
    private static List<byte[]> parts(Script script) {
        byte[] stream = script.stream();
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        if (script.flag()) {
            for (int i = 0; i < stream.length && parts.size() < MAX_CUES; i++) {
                if (stream[i] == 0) {
                    parts.add(Arrays.copyOfRange(stream, from, i));
                    from = i + 1;
                }
            }
        }
        parts.add(Arrays.copyOfRange(stream, from, stream.length));
        return parts;
    }
}
