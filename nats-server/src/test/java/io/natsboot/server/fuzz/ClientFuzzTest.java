package io.natsboot.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsboot.server.test.LogRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the client side: the real decoder, connection and handler of a client, fed any bytes in
 * any reads, next to a well-behaved client that subscribes to everything (so published messages are delivered and
 * their MSG/HMSG encoding checked too). See {@link FuzzWorld} for what must hold after each input.
 *
 * <p>Regression mode (the default): replays {@code ClientFuzzTestInputs/client/*}. Fuzzing mode ({@code JAZZER_FUZZ=1},
 * the {@code fuzz-client} Surefire execution in {@code mvn verify}): Jazzer mutates those inputs for
 * {@code jazzer.max_duration} (Maven property {@code fuzz.duration}).
 */
class ClientFuzzTest {

    /** The well-behaved client: headers, async INFO, no-responders, a plain and a queue subscription to all. */
    static final String WATCHER = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1,"
            + "\"no_responders\":true}\r\nSUB > 1\r\nSUB > q 2\r\nPING\r\n";

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
    void client(byte[] input) {
        Script script = Script.of(input);
        try (FuzzWorld world = new FuzzWorld()) {
            FuzzWorld.Peer watcher = world.client();
            watcher.write(WATCHER);
            FuzzWorld.Peer fuzzed = world.client();
            script.play(world, fuzzed);
            watcher.write("PING\r\n");
        }
        logs.assertNoExceptionLogged();
    }
}
