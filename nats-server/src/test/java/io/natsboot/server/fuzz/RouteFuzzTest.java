package io.natsboot.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsboot.server.test.LogRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the route side: the real route decoder, {@code RouteConnection} and handler with a real
 * route manager, fed any bytes in any reads as a peer server would send them; a local client subscribed to
 * everything receives what the peer forwards, and then publishes, so that what the peer showed interest in goes
 * back to it as RMSG/HMSG. See {@link FuzzWorld} for what must hold after each input.
 *
 * <p>Regression mode (the default): replays {@code RouteFuzzTestInputs/route/*}. Fuzzing mode ({@code JAZZER_FUZZ=1},
 * the {@code fuzz-route} Surefire execution in {@code mvn verify}): Jazzer mutates those inputs for
 * {@code jazzer.max_duration} (Maven property {@code fuzz.duration}).
 */
class RouteFuzzTest {

    /** What the local client publishes once the peer has spoken: plain, with a reply, with headers. */
    static final String PUBLISHES = "PUB foo 2\r\nhi\r\nPUB foo.bar _INBOX.x 0\r\n\r\n"
            + "HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\n";

    private static LogRecorder logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogRecorder.exceptionsSilencingConsole();
    }

    @AfterAll
    static void restoreLogs() {
        logs.close();
    }

    @FuzzTest(maxDuration = "20s")
    void route(byte[] input) {
        Script script = Script.of(input);
        try (FuzzWorld world = new FuzzWorld()) {
            FuzzWorld.Peer local = world.client();
            local.write(ClientFuzzTest.WATCHER);
            FuzzWorld.Peer peer = world.route(script.flag());
            script.play(world, peer);
            local.write(PUBLISHES);
        }
        logs.assertNoExceptionLogged();
    }
}
