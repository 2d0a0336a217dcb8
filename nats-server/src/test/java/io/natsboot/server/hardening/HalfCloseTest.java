package io.natsboot.server.hardening;

import io.natsboot.server.NatsServer;
import io.natsboot.server.conformance.NatsServerProcess;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its ops and then half-closes its socket (as {@code printf 'PING\r\n' | nc host 4222} does) gets
 * every reply before the server closes: nats-server answers what it read before it sees the end of the stream. When
 * the ops and the end of stream arrived in one read, natsboot used to close with the replies still queued.
 */
class HalfCloseTest {

    private static final int PINGS = 1000;

    @RepeatedTest(10)
    void natsbootAnswersEverythingReadBeforeTheEndOfStream() throws Exception {
        try (NatsServer server = TestServers.start()) {
            assertThat(pongsBeforeClose(server.port())).isEqualTo(PINGS);
        }
    }

    @RepeatedTest(3)
    void natsServerDoesTheSame() throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start("")) {
            assertThat(pongsBeforeClose(official.port())).isEqualTo(PINGS);
        }
    }

    private static int pongsBeforeClose(int port) throws Exception {
        try (RawClient w = RawClient.connect(port).keepingAtMost(RawClient.FLOOD_KEPT_BYTES)) {
            w.send("CONNECT {\"verbose\":false}\r\n" + "PING\r\n".repeat(PINGS));
            w.shutdownOutput();
            assertThat(w.awaitClose(Duration.ofSeconds(20))).as("closed").isTrue();
            return w.text().split("PONG\r\n", -1).length - 1;
        }
    }
}
