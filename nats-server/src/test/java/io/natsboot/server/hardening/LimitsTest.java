package io.natsboot.server.hardening;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.conformance.NatsServerProcess;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every limit of the issue, one hostile client at a time, on natsboot and on nats-server 2.9.10: the exact reply,
 * whether the connection is closed, and the reason {@code /connz?state=closed} gives (read over HTTP, matched by the
 * client's port). The expected values are what the official binary does (the second test checks that they still are).
 */
class LimitsTest {

    private static final String QUIET = "CONNECT {\"verbose\":false}\r\n";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private static final String PROTOCOL_VIOLATION = "Protocol Violation";
    private static final String SLOW_PENDING = "Slow Consumer (Pending Bytes)";
    private static final String SLOW_DEADLINE = "Slow Consumer (Write Deadline)";

    /** A server configuration written twice: for nats-server's config file and as natsboot options. */
    private record Setup(String config, Consumer<ServerOptions> options) {
    }

    private static final Setup LIMITS = new Setup(
            "max_pending: 65536\nmax_payload: 8192\nmax_control_line: 512\nmax_subs: 10\nwrite_deadline: \"5s\"\n",
            o -> o.setMaxPending(65536).setMaxPayload(8192).setMaxControlLine(512).setMaxSubscriptions(10)
                    .setWriteDeadline(Duration.ofSeconds(5)));
    private static final Setup FAST_PING = new Setup("ping_interval: \"300ms\"\nping_max: 2\n",
            o -> o.setPingInterval(Duration.ofMillis(300)).setPingMax(2));
    /** max_pending far above what the sockets hold, so only the write deadline can cut a reader that stops. */
    private static final Setup WRITE_DEADLINE = new Setup("max_pending: 512MB\nwrite_deadline: \"1s\"\n",
            o -> o.setMaxPending(512L * 1024 * 1024).setWriteDeadline(Duration.ofSeconds(1)));
    private static final Setup ONE_CONNECTION = new Setup("max_connections: 1\n", o -> o.setMaxConnections(1));

    /** What one hostile client does to a server on {@code port}; returns the client whose fate is checked. */
    private interface Attack {
        RawClient run(int port, int httpPort) throws Exception;
    }

    /**
     * @param reply   a regular expression for everything the client received (PINGs from the server excluded),
     *                followed by {@link RawClient#CLOSED} when it must be closed
     * @param reasons the closed reasons /connz may give, or null when not checked
     * @param asNatsServer whether nats-server 2.9.10 does the same (else the case documents where natsboot differs)
     */
    private record Case(Setup setup, Attack attack, String reply, Set<String> reasons, boolean asNatsServer) {
    }

    static Stream<Arguments> cases() {
        String pongs = "(PONG\r\n)*";
        return Stream.of(
                named("control line over max_control_line", LIMITS,
                        send(QUIET + "PUB " + "a".repeat(600) + " 0\r\n\r\n"),
                        err("maximum control line exceeded") + RawClient.CLOSED, "Maximum Control Line Exceeded"),
                named("unfinished control line over max_control_line", LIMITS,
                        send("SUB " + "a".repeat(600)),
                        err("maximum control line exceeded") + RawClient.CLOSED, "Maximum Control Line Exceeded"),
                named("declared PUB size over max_payload", LIMITS, send(QUIET + "PUB foo 8193\r\n"),
                        err("Maximum Payload Violation") + RawClient.CLOSED, "Maximum Message Payload Exceeded"),
                named("declared HPUB size over max_payload", LIMITS,
                        send("CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB foo 12 99999999\r\n"),
                        err("Maximum Payload Violation") + RawClient.CLOSED, "Maximum Message Payload Exceeded"),
                named("actual payload longer than declared", LIMITS, send(QUIET + "PUB foo 2\r\n12345\r\n"),
                        err("Unknown Protocol Operation") + RawClient.CLOSED, PROTOCOL_VIOLATION),
                named("garbage", LIMITS, send("\u0000\u00ffgarbage\r\n"),
                        err("Unknown Protocol Operation") + RawClient.CLOSED, PROTOCOL_VIOLATION),
                named("binary zeros", LIMITS, send("\u0000".repeat(1000)),
                        err("Unknown Protocol Operation") + RawClient.CLOSED, PROTOCOL_VIOLATION),
                named("PUB size that is not a number", LIMITS, send(QUIET + "PUB foo abc\r\n"),
                        RawClient.CLOSED, PROTOCOL_VIOLATION),
                named("-ERR from the client", LIMITS, send(QUIET + "-ERR 'go away'\r\n"),
                        RawClient.CLOSED, "Parse Error"),
                named("CONNECT that is not JSON", LIMITS, send("CONNECT {bad\r\nPING\r\n"),
                        RawClient.CLOSED, PROTOCOL_VIOLATION),
                named("HPUB header size above its total", LIMITS,
                        send("CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB foo 10 5\r\nhello\r\n"),
                        RawClient.CLOSED, PROTOCOL_VIOLATION),
                named("valid ops, then an op that is not one", LIMITS,
                        send(QUIET + "SUB foo 1\r\nPUB foo 2\r\nhi\r\nPUBX foo 1\r\n"),
                        Pattern.quote("MSG foo 1 2\r\nhi\r\n") + err("Unknown Protocol Operation") + RawClient.CLOSED,
                        PROTOCOL_VIOLATION),
                named("socket half-closed after a PING", LIMITS, LimitsTest::halfClosed,
                        "PONG\r\n" + RawClient.CLOSED, "Client Closed"),
                named("SUBs over max_subscriptions", LIMITS,
                        send(QUIET + subs(12) + "PING\r\n", "PONG\r\n"),
                        err("maximum subscriptions exceeded").repeat(2) + "PONG\r\n", null),
                named("very long subject and deep wildcard within max_control_line", LIMITS,
                        send(QUIET + "SUB " + "a.".repeat(200) + "b 1\r\nSUB " + "*.".repeat(200) + "> 2\r\n"
                                + "PUB " + "a.".repeat(200) + "b 1\r\nx\r\nPING\r\n", "PONG\r\n"),
                        "(MSG (a\\.)+b [12] 1\r\nx\r\n){2}PONG\r\n", null),
                named("half a PUB after CONNECT, then silence", FAST_PING, send(QUIET + "PUB foo 10\r\nhel"),
                        err("Stale Connection") + RawClient.CLOSED, "Stale Connection"),
                named("half a control line after CONNECT, then silence", FAST_PING, send(QUIET + "SUB fo"),
                        err("Stale Connection") + RawClient.CLOSED, "Stale Connection"),
                named("PING flood, never reading", LIMITS, flood(QUIET, "PING\r\n"),
                        pongs + "(P(O(N(G\r?)?)?)?)?" + RawClient.CLOSED, SLOW_PENDING),
                named("verbose PUB flood (+OK each), never reading", LIMITS,
                        flood("CONNECT {\"verbose\":true}\r\n", "PUB x 0\r\n\r\n"),
                        "(\\+OK\r\n)*(\\+(O(K\r?)?)?)?" + RawClient.CLOSED, SLOW_PENDING),
                // nats-server 2.9 differs here: it stalls the client's reads (the producer is its own slow
                // receiver) and only the keepalive ends it, as Stale Connection, minutes later with the defaults
                natsbootOnly("PUB flood to its own subscription, never reading", LIMITS,
                        flood(QUIET + "SUB self 1\r\n", "PUB self 1000\r\n" + "x".repeat(1000) + "\r\n"),
                        "(MSG self 1 1000\r\nx{1000}\r\n)*[^-]*" + RawClient.CLOSED, SLOW_PENDING + "|" + SLOW_DEADLINE),
                named("subscriber that stops reading, others publishing", WRITE_DEADLINE,
                        LimitsTest::stuckReader, "(MSG big 1 1024\r\n\\.{1024}\r\n)*[^-]*" + RawClient.CLOSED,
                        SLOW_DEADLINE),
                named("one connection over max_connections", ONE_CONNECTION, LimitsTest::overMaxConnections,
                        err("maximum connections exceeded") + RawClient.CLOSED, "Maximum Connections Exceeded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void natsbootEnforcesTheLimit(Case c) throws Exception {
        try (NatsServer server = TestServers.start(o -> c.setup().options().accept(o.setHttpPort(0)))) {
            check(c, server.port(), server.httpPort());
        }
    }

    /** The cases nats-server 2.9.10 handles the same way; the others document where natsboot differs. */
    static Stream<Arguments> sharedCases() {
        return cases().filter(a -> ((Case) ((Named<?>) a.get()[0]).getPayload()).asNatsServer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCases")
    void natsServerDoesTheSame(Case c) throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start(c.setup().config() + "http: \"127.0.0.1:-1\"\n")) {
            check(c, official.port(), official.monitorPort());
        }
    }

    private static void check(Case c, int port, int httpPort) throws Exception {
        try (RawClient bad = c.attack().run(port, httpPort)) {
            boolean mustClose = c.reply().endsWith(RawClient.CLOSED);
            if (mustClose) {
                bad.awaitClose(CLOSE_TIMEOUT);
            } else {
                bad.readFor(Duration.ofMillis(300));
            }
            String transcript = bad.transcript().replace("PING\r\n", "");
            assertThat(transcript).as("reply").matches(Pattern.compile(c.reply(), Pattern.DOTALL));
            if (c.reasons() == null) {
                return;
            }
            long clientPort = bad.localPort();
            await().atMost(CLOSE_TIMEOUT).untilAsserted(() ->
                    assertThat(ClosedReasons.byPort(httpPort)).as("/connz?state=closed")
                            .containsKey(clientPort));
            assertThat(ClosedReasons.byPort(httpPort).get(clientPort)).as("closed reason").isIn(c.reasons());
        } finally {
            HELD.forEach(RawClient::close);
            HELD.clear();
        }
    }

    private static Arguments named(String name, Setup setup, Attack attack, String reply, String reasons) {
        Set<String> allowed = reasons == null ? null : Set.of(reasons.split("\\|"));
        return Arguments.of(Named.of(name, new Case(setup, attack, reply, allowed, true)));
    }

    private static Arguments natsbootOnly(String name, Setup setup, Attack attack, String reply, String reasons) {
        Set<String> allowed = Set.of(reasons.split("\\|"));
        return Arguments.of(Named.of(name, new Case(setup, attack, reply, allowed, false)));
    }

    /** The pattern of one exact -ERR line. */
    private static String err(String text) {
        return Pattern.quote("-ERR '" + text + "'\r\n");
    }

    private static String subs(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("SUB s.").append(i).append(' ').append(i).append("\r\n");
        }
        return sb.toString();
    }

    /** Sends {@code text}; if {@code awaitSuffix} is given, reads until the reply ends with it. */
    private static Attack send(String text, String... awaitSuffix) {
        return (port, httpPort) -> {
            RawClient w = RawClient.connect(port).keepingAtMost(RawClient.FLOOD_KEPT_BYTES);
            w.send(text);
            if (awaitSuffix.length > 0) {
                w.readUntil(t -> t.endsWith(awaitSuffix[0]), CLOSE_TIMEOUT);
            }
            return w;
        };
    }

    /** Sends {@code first}, then {@code op} again and again without reading, until the server cuts it. */
    private static Attack flood(String first, String op) {
        byte[] batch = RawClient.bytes(op.repeat(Math.max(1, 64 * 1024 / op.length())));
        return (port, httpPort) -> {
            RawClient w = RawClient.connect(port, 4096).keepingAtMost(RawClient.FLOOD_KEPT_BYTES);
            w.send(first);
            pushUntilCut(w, batch, w.localPort(), httpPort);
            return w;
        };
    }

    /** Subscribes and never reads while another client publishes 1 KiB messages to it, until it is cut. */
    private static RawClient stuckReader(int port, int httpPort) throws Exception {
        RawClient reader = RawClient.connect(port, 4096).keepingAtMost(RawClient.FLOOD_KEPT_BYTES);
        reader.send(QUIET + "SUB big 1\r\nPING\r\n");
        assertThat(reader.readUntil(t -> t.endsWith("PONG\r\n"), CLOSE_TIMEOUT)).isTrue();
        try (RawClient publisher = RawClient.connect(port).keepingAtMost(RawClient.FLOOD_KEPT_BYTES)) {
            publisher.send(QUIET);
            pushUntilCut(publisher, RawClient.bytes(("PUB big 1024\r\n" + ".".repeat(1024) + "\r\n").repeat(64)),
                    reader.localPort(), httpPort);
        }
        return reader;
    }

    /**
     * Sends {@code batch} over and over from another thread (a write blocks once the server stops reading) until
     * /connz lists the client on {@code victimPort} as closed; then stops, closing {@code sender} if it is still
     * stuck in a write.
     */
    private static void pushUntilCut(RawClient sender, byte[] batch, int victimPort, int httpPort) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> pushing = CompletableFuture.runAsync(() -> {
            while (!stop.get() && !sender.send(batch).isClosed()) {
                // the server must cut the victim whatever this does
            }
        });
        try {
            await().atMost(CLOSE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> ClosedReasons.byPort(httpPort).containsKey((long) victimPort));
        } finally {
            stop.set(true);
            try {
                pushing.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                sender.close();
                pushing.get(5, TimeUnit.SECONDS);
            }
        }
    }

    private static RawClient halfClosed(int port, int httpPort) throws Exception {
        RawClient w = RawClient.connect(port).keepingAtMost(RawClient.FLOOD_KEPT_BYTES);
        w.send(QUIET + "SUB foo 1\r\nPING\r\n");
        w.shutdownOutput();
        return w;
    }

    /** A first client takes the only slot; the second is the one checked. */
    private static RawClient overMaxConnections(int port, int httpPort) throws Exception {
        RawClient first = RawClient.connect(port).keepingAtMost(RawClient.FLOOD_KEPT_BYTES);
        first.send(QUIET + "PING\r\n");
        assertThat(first.readUntil(t -> t.endsWith("PONG\r\n"), CLOSE_TIMEOUT)).isTrue();
        HELD.add(first);
        return RawClient.connect(port).keepingAtMost(RawClient.FLOOD_KEPT_BYTES);
    }

    /** Clients an attack needs kept open while its victim is checked; closed after each case. */
    private static final List<RawClient> HELD = new CopyOnWriteArrayList<>();
}
