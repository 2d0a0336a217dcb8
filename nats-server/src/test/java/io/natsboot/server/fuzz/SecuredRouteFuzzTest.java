package io.natsboot.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.test.LogRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the route side with route authentication on ({@code cluster { authorization { user: ru,
 * password: rp } }}): an accepted peer must send a CONNECT with those credentials first (the first op gate, the auth
 * timer, refusals with {@code Authorization Violation} / {@code Authentication Timeout}); a peer we dialled needs none.
 * Otherwise as {@link RouteFuzzTest}; see {@link FuzzWorld} for what must hold after each input.
 *
 * <p>Regression mode (the default, in every build): replays {@code SecuredRouteFuzzTestInputs/securedRoute/*}. Fuzzing
 * mode, on demand only (route auth is a small surface, and verify's fuzzing time goes to the other targets):
 * {@code mvn -pl nats-server test-compile surefire:test@fuzz-secured-route -Dfuzz.duration=5m}.
 */
class SecuredRouteFuzzTest {

    private static LogRecorder logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogRecorder.exceptionsSilencingConsole();
    }

    @AfterAll
    static void restoreLogs() {
        logs.close();
    }

    static void secure(ServerOptions options) {
        options.getCluster().setUser("ru").setPassword("rp");
    }

    @FuzzTest(maxDuration = "20s")
    void securedRoute(byte[] input) {
        Script script = Script.of(input);
        try (FuzzWorld world = new FuzzWorld(SecuredRouteFuzzTest::secure)) {
            FuzzWorld.Peer local = world.client();
            local.write(ClientFuzzTest.WATCHER);
            FuzzWorld.Peer peer = world.route(script.flag());
            script.play(world, peer);
            local.write(RouteFuzzTest.PUBLISHES);
        }
        logs.assertNoExceptionLogged();
    }
}
