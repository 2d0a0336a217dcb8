package io.natsboot.server.conformance;

import io.natsboot.server.NatsServer;
import io.natsboot.server.log.LogSetup;
import io.natsboot.server.log.NatsLogFormatter;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lines a client's misbehaviour and end leave in the log (debug on), compared with the official nats-server's
 * for the same bytes: level, wording and the client's description ({@code ip:port - cid:N - "v1.2:go:name"}). Only
 * the port and cid differ, and are normalised; everything else must be equal.
 */
class LogConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONFIG = "debug: true\nmax_payload: 65536\nmax_pending: 65536\nmax_subscriptions: 2\n"
            + "authorization { users: [ {user: a, password: pa, permissions: {publish: \"ok.>\", "
            + "subscribe: \"ok.>\"}} ], timeout: 0.5 }\n";
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"pa\",\"lang\":\"go\","
            + "\"version\":\"1.2\",\"name\":\"nm\"}\r\n";

    private static NatsServerProcess official;
    private static NatsServer natsboot;
    private static LogRecorder recorder;

    @BeforeAll
    static void start() {
        official = NatsServerProcess.start(CONFIG);
        natsboot = TestServers.start(o -> AuthFixtures.applyConfig(o, CONFIG));
        recorder = new LogRecorder(LogSetup.ROOT_LOGGER, Level.FINE);
    }

    @AfterAll
    static void stop() {
        if (recorder != null) {
            recorder.close();
        }
        if (natsboot != null) {
            natsboot.close();
        }
        if (official != null) {
            official.close();
        }
    }

    /** A conversation: bytes sent, then the client reads what comes back until the server closes or goes quiet. */
    static Stream<Arguments> conversations() {
        return Stream.of(
                Arguments.of("parser error, named client", CONNECT + "PING\r\nFOO BAR\r\n"),
                Arguments.of("parser error, unnamed client", "CONNECT {\"user\":\"a\",\"pass\":\"pa\"}\r\nPING\r\nXXX\r\n"),
                Arguments.of("parser error inside a keyword", CONNECT + "PING\r\nPUX\r\n"),
                Arguments.of("authentication failure", "CONNECT {\"user\":\"a\",\"pass\":\"bad\",\"lang\":\"go\","
                        + "\"version\":\"1.2\",\"name\":\"nm\"}\r\nPING\r\n"),
                Arguments.of("op before CONNECT", "PING\r\n"),
                Arguments.of("authentication timeout", ""),
                Arguments.of("publish violation", CONNECT + "PUB no.x 1\r\na\r\nPING\r\n"),
                Arguments.of("subscription violation", CONNECT + "SUB no.x 1\r\nPING\r\n"),
                Arguments.of("client closes", CONNECT + "PING\r\n"),
                Arguments.of("client resets", CONNECT + "PING\r\n"),
                Arguments.of("client answers the first PING", CONNECT + "PING\r\n"),
                Arguments.of("maximum payload", CONNECT + "PUB ok.x 99999999\r\n"),
                Arguments.of("bad PUB arguments", CONNECT + "PUB ok.x\r\n"),
                Arguments.of("bad PUB size", CONNECT + "PUB ok.x 1x\r\n"),
                Arguments.of("bad SUB arguments", CONNECT + "SUB\tok.x 1 2 3\r\n"),
                Arguments.of("bad UNSUB arguments", CONNECT + "UNSUB\r\n"),
                Arguments.of("bad payload end", CONNECT + "PUB ok.x 1\r\nab\r\n"),
                Arguments.of("HPUB without headers", CONNECT + "HPUB ok.x 2 2\r\n\r\n\r\n"),
                // the second and third go over the limit: only the first of them is logged (once in 2 s)
                Arguments.of("maximum subscriptions", CONNECT + "SUB ok.a 1\r\nSUB ok.b 2\r\nSUB ok.c 3\r\n"
                        + "SUB ok.d 4\r\nPING\r\n"),
                Arguments.of("bad CONNECT JSON", "CONNECT {bad\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void clientLinesAreNatsServers(String name, String bytes) throws IOException {
        End reset = name.contains("resets") ? End.RESET : name.contains("first PING") ? End.AFTER_PING : End.CLOSE;
        List<String> theirs = converse(official.port(), bytes, reset, () -> official.logLines().stream()
                .map(LogConformanceTest::withoutPrefix).toList());
        List<String> ours = converse(natsboot.port(), bytes, reset, () -> recorder.lines().stream()
                .map(LogConformanceTest::tagged).toList());
        if (name.contains("JSON")) {
            // the JSON decoder's own words for what is wrong must differ (Go's encoding/json and natsboot's)
            theirs = theirs.stream().map(LogConformanceTest::withoutJsonError).toList();
            ours = ours.stream().map(LogConformanceTest::withoutJsonError).toList();
        }
        assertThat(ours).as(name).isEqualTo(theirs);
    }

    @Test
    void maximumConnectionsLinesAreNatsServers() throws IOException {
        try (NatsServerProcess one = NatsServerProcess.start("debug: true\nmax_connections: 1\n");
             NatsServer natsbootOne = TestServers.start(o -> o.setMaxConnections(1));
             RawClient first = RawClient.connect(one.port());
             RawClient firstHere = RawClient.connect(natsbootOne.port())) {
            List<String> theirs = converse(one.port(), "", () -> one.logLines().stream()
                    .map(LogConformanceTest::withoutPrefix).toList());
            List<String> ours = converse(natsbootOne.port(), "", () -> recorder.lines().stream()
                    .map(LogConformanceTest::tagged).toList());
            assertThat(ours).isEqualTo(theirs).contains("[ERR] <client> - maximum connections exceeded");
        }
    }

    /**
     * A route peer (raw bytes: CONNECT, INFO, PING) that joins and then goes away: the notices nats-server gives a
     * route's start and end, with its reason, on both servers.
     */
    @Test
    void routeLinesAreNatsServers() throws IOException {
        String cluster = "cluster { name: logs, listen: \"127.0.0.1:-1\" }\n";
        try (NatsServerProcess one = NatsServerProcess.start(cluster);
             NatsServer natsbootOne = TestServers.start(o -> o.getCluster().setName("logs").setHost("127.0.0.1")
                     .setPort(0))) {
            int theirPort = one.logLines().stream().filter(l -> l.contains("Listening for route connections on "))
                    .map(l -> Integer.parseInt(l.substring(l.lastIndexOf(':') + 1).trim())).findFirst().orElseThrow();
            List<String> theirs = routeLines(theirPort, () -> one.logLines().stream()
                    .map(LogConformanceTest::withoutPrefix).toList());
            List<String> ours = routeLines(natsbootOne.routeManager().clusterPort(), () -> recorder.lines().stream()
                    .map(LogConformanceTest::tagged).toList());
            assertThat(ours).isEqualTo(theirs).containsExactly("[INF] <route> - Route connection created",
                    "[INF] <route> - Router connection closed: Client Closed");
        }
    }

    private static List<String> routeLines(int clusterPort, Supplier<List<String>> log) throws IOException {
        String route;
        try (RawClient peer = RawClient.connect(clusterPort)) {
            route = "127.0.0.1:" + peer.localPort() + " - rid:";
            peer.send("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                    + "\"headers\":true,\"name\":\"PEERLOG\",\"cluster\":\"logs\"}\r\n"
                    + "INFO {\"server_id\":\"PEERLOG\",\"server_name\":\"peer\",\"version\":\"2.9.10\",\"proto\":1,"
                    + "\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"max_payload\":1048576,"
                    + "\"cluster\":\"logs\",\"connect_urls\":[]}\r\nPING\r\n");
            assertThat(peer.readUntil(t -> t.contains("PONG\r\n"), WAIT)).as(peer.transcript()).isTrue();
        }
        Supplier<List<String>> mine = () -> log.get().stream().filter(l -> l.contains(route))
                .filter(l -> l.contains("[INF]") || l.contains("[ERR]") || l.contains("[WRN]"))
                .map(l -> ROUTE_ID.matcher(l.replace(route, "<route>")).replaceFirst("<route>")).toList();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mine.get()).as("port %d", clusterPort)
                .anyMatch(l -> l.contains("connection closed")));
        return mine.get();
    }

    private static final Pattern ROUTE_ID = Pattern.compile("<route>\\d+");

    @Test
    void slowConsumerLinesAreNatsServers() throws IOException {
        List<String> theirs = slowConsumer(official.port(), () -> official.logLines().stream()
                .map(LogConformanceTest::withoutPrefix).toList());
        List<String> ours = slowConsumer(natsboot.port(), () -> recorder.lines().stream()
                .map(LogConformanceTest::tagged).toList());
        assertThat(ours).isEqualTo(theirs).contains(
                "[INF] <client> - \"v1.2:go:nm\" - Slow Consumer Detected: MaxPending of 65536 Exceeded");
    }

    /**
     * A subscriber sent one message whose MSG is more than max_pending (64 KiB, the largest payload allowed): both
     * servers cut it on the spot, however fast it reads. Its lines.
     */
    private static List<String> slowConsumer(int port, Supplier<List<String>> log) throws IOException {
        try (RawClient sub = RawClient.connect(port); RawClient pub = RawClient.connect(port)) {
            sub.send(CONNECT + "SUB ok.sc 1\r\nPING\r\n");
            assertThat(sub.readUntil(t -> t.endsWith("PONG\r\n"), WAIT)).isTrue();
            String client = "127.0.0.1:" + sub.localPort() + " - cid:";
            pub.send(CONNECT + "PUB ok.sc 65536\r\n" + "x".repeat(65536) + "\r\nPING\r\n");
            assertThat(pub.readUntil(t -> t.endsWith("PONG\r\n"), WAIT)).isTrue();
            Supplier<List<String>> mine = () -> log.get().stream().filter(l -> l.contains(client))
                    .map(l -> CID.matcher(l.replace(client, "<client>")).replaceFirst("<client>")).toList();
            await().atMost(WAIT).untilAsserted(() -> assertThat(mine.get()).as("port %d", port)
                    .anyMatch(l -> l.contains("connection closed")));
            return mine.get();
        }
    }

    private static final Pattern JSON_ERROR = Pattern.compile("^\\[ERR] <client> - .*$");

    private static String withoutJsonError(String line) {
        return JSON_ERROR.matcher(line).replaceFirst("[ERR] <client> - <the JSON decoder's error>");
    }

    private static List<String> converse(int port, String bytes, Supplier<List<String>> log) throws IOException {
        return converse(port, bytes, End.CLOSE, log);
    }

    /** How a conversation ends. */
    private enum End {
        /** The client closes (FIN) once answered. */
        CLOSE,
        /** The client resets (RST) once answered. */
        RESET,
        /** The client waits for the server's first PING (2 s after CONNECT), answers it, then closes. */
        AFTER_PING
    }

    private static List<String> converse(int port, String bytes, End end, Supplier<List<String>> log)
            throws IOException {
        String client;
        try (RawClient raw = RawClient.connect(port)) {
            client = "127.0.0.1:" + raw.localPort() + " - cid:";
            raw.send(bytes);
            // until the answer, or the server closes (the authentication timeout is 0.5 s)
            raw.readUntil(t -> t.endsWith("PONG\r\n"), Duration.ofSeconds(3));
            if (end == End.AFTER_PING) {
                assertThat(raw.readUntil(t -> t.endsWith("PONG\r\nPING\r\n"), WAIT)).as(raw.transcript()).isTrue();
                raw.send("PONG\r\n").sync();
            }
            if (end == End.RESET) {
                raw.reset();
            }
        }
        Supplier<List<String>> mine = () -> log.get().stream().filter(l -> l.contains(client))
                .map(l -> CID.matcher(l.replace(client, "<client>")).replaceFirst("<client>")).toList();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mine.get()).as("port %d", port)
                .anyMatch(l -> l.contains("Client connection closed")));
        return mine.get();
    }

    private static final Pattern CID = Pattern.compile("<client>\\d+");
    private static final Pattern PREFIX = Pattern.compile("^\\[\\d+] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} ");

    private static String withoutPrefix(String line) {
        return PREFIX.matcher(line).replaceFirst("");
    }

    private static String tagged(String levelAndMessage) {
        int space = levelAndMessage.indexOf(' ');
        return NatsLogFormatter.tag(Level.parse(levelAndMessage.substring(0, space))) + " "
                + levelAndMessage.substring(space + 1);
    }
}
