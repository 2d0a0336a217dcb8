package io.natsboot.server.conformance;

import io.natsboot.server.NatsServer;
import io.natsboot.server.test.InfoFields;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Lame duck mode as a client sees it, beside the official binary (sent SIGUSR2): the INFO with {@code "ldm":true}
 * after the client's first PONG, in the same field order, the listener closed, and the same log line.
 */
class LameDuckConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    // nats-server ends its client INFO with a space before CRLF; natsboot's, as on connect, without (protocol.md)
    private static final Pattern LDM_INFO = Pattern.compile("(?s).*,\"ldm\":true} ?\r\n");
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nPING\r\n";

    @Test
    void theLameDuckInfoAndLogLineAreNatsServers() throws Exception {
        NatsServerProcess.requireBinary();
        // the grace period keeps the clients connected while the test reads
        try (NatsServerProcess official = NatsServerProcess.start(
                "lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"20s\"\n");
             NatsServer natsboot = TestServers.start(o -> o.setLameDuckDuration(Duration.ofSeconds(30))
                     .setLameDuckGracePeriod(Duration.ofSeconds(20)));
             RawClient a = RawClient.connect(official.port());
             RawClient b = RawClient.connect(natsboot.port());
             LogRecorder log = new LogRecorder(NatsServer.class.getName(), Level.INFO)) {
            a.send(CONNECT).readUntil("PONG\r\n", WAIT);
            b.send(CONNECT).readUntil("PONG\r\n", WAIT);
            a.clear();
            b.clear();

            signal(official.pid(), "USR2");
            natsboot.enterLameDuckMode();

            assertThat(a.readUntil(t -> LDM_INFO.matcher(t).matches(), WAIT)).as(a.transcript()).isTrue();
            assertThat(b.readUntil(t -> LDM_INFO.matcher(t).matches(), WAIT)).as(b.transcript()).isTrue();
            Map<String, String> expected = InfoFields.of(a.text());
            Map<String, String> actual = InfoFields.of(b.text());
            List<String> expectedKeys = new ArrayList<>(expected.keySet());
            expectedKeys.remove("go"); // the Go version nats-server was built with
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(expectedKeys);
            assertThat(b.text()).isEqualTo("INFO {\"server_id\":\"" + natsboot.serverId() + "\",\"server_name\":\""
                    + natsboot.serverName() + "\",\"version\":\"2.9.10\",\"proto\":1,\"host\":\"127.0.0.1\",\"port\":"
                    + natsboot.port() + ",\"headers\":true,\"max_payload\":1048576,\"client_id\":1,"
                    + "\"client_ip\":\"127.0.0.1\",\"ldm\":true}\r\n");

            // no new clients
            await().atMost(WAIT).untilAsserted(() -> assertThat(official.log())
                    .contains("[INF] Entering lame duck mode, stop accepting new clients"));
            assertThat(log.lines()).contains("INFO Entering lame duck mode, stop accepting new clients");
            assertThatThrownBy(() -> RawClient.connect(official.port())).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> RawClient.connect(natsboot.port())).isInstanceOf(IOException.class);
            // still served meanwhile
            b.clear();
            b.send("PING\r\n");
            assertThat(b.readUntil("PONG\r\n", WAIT)).isEqualTo("PONG\r\n");
        }
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

}
