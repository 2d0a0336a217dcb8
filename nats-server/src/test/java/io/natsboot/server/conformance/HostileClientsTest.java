package io.natsboot.server.conformance;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.natsboot.server.test.RawClient.CLOSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One bad client must never disturb another: while a jnats publisher streams numbered messages to a jnats subscriber,
 * raw sockets send garbage, unfinished and oversized lines, bad sizes, huge payload sizes, random bytes, half ops and
 * a flood they never read. Each bad client gets what nats-server 2.9 would send it (or is just closed, when it was
 * still sending as the server closed it), nothing is logged as a server error, and the good pair loses nothing.
 */
class HostileClientsTest {

    private static final int MESSAGES = 2000;
    private static final String QUIET = "CONNECT {\"verbose\":false}\r\n";
    private static final String UNKNOWN_OP = "-ERR 'Unknown Protocol Operation'\r\n";

    /** One bad client: what it sends, and what it must see afterwards. */
    private static final Pattern VIOLATION_LINE = Pattern.compile(
            "SEVERE io\\.natsboot\\.server\\.client\\.ClientConnection: [0-9.]+:\\d+ - cid:\\d+ - "
                    + "(Client parser ERROR|process\\w+ (Parse Error|Bad or Missing)|maximum payload exceeded)"
                    + ".*");

    private record Attack(String name, byte[] bytes, String expected) {
        static Attack of(String name, String text, String expected) {
            return new Attack(name, text.getBytes(StandardCharsets.ISO_8859_1), expected);
        }
    }

    @Test
    void badClientsDoNotDisturbGoodOnes() throws Exception {
        try (LogRecorder log = LogRecorder.serverProblems();
             NatsServer server = TestServers.start();
             Connection subscriber = connect(server);
             Connection publisher = connect(server)) {
            List<Integer> received = new ArrayList<>();
            Dispatcher dispatcher = subscriber.createDispatcher(m -> {
                synchronized (received) {
                    received.add(Integer.parseInt(new String(m.getData(), StandardCharsets.US_ASCII)));
                }
            });
            dispatcher.subscribe("stream");
            subscriber.flush(Duration.ofSeconds(5));

            Flooder flooder = new Flooder(server.port());
            CompletableFuture<Void> flooding = CompletableFuture.runAsync(flooder::flood);

            List<Attack> attacks = attacks();
            List<RawClient> open = new ArrayList<>();
            int perAttack = MESSAGES / attacks.size();
            int next = 0;
            try {
                for (int i = 0; i < attacks.size(); i++) {
                    Attack attack = attacks.get(i);
                    RawClient bad = RawClient.connect(server.port());
                    open.add(bad);
                    bad.send(attack.bytes());
                    // the good pair keeps talking while the server deals with the bad client
                    int until = i == attacks.size() - 1 ? MESSAGES : next + perAttack;
                    for (; next < until; next++) {
                        publisher.publish("stream", Integer.toString(next).getBytes(StandardCharsets.US_ASCII));
                    }
                    assertOutcome(attack, bad);
                }
                publisher.flush(Duration.ofSeconds(5));
                flooding.get(30, TimeUnit.SECONDS);

                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    synchronized (received) {
                        return received.size() >= MESSAGES;
                    }
                });
                synchronized (received) {
                    assertThat(received).as("every message once, in order")
                            .isEqualTo(IntStream.range(0, MESSAGES).boxed().toList());
                }
                // the clients left hanging are still there and silent (but for the server's keepalive PINGs, which
                // start 2 s after CONNECT), and the server still takes new clients
                for (int i = 0; i < attacks.size(); i++) {
                    if (!attacks.get(i).expected().endsWith(CLOSED)) {
                        assertThat(withoutPings(open.get(i).transcript())).as(attacks.get(i).name()).isEmpty();
                    }
                }
                try (RawClient late = RawClient.connect(server.port())) {
                    late.send(QUIET + "PING\r\n");
                    assertThat(late.readUntil(t -> t.equals("PONG\r\n"), Conversation.TIMEOUT)).isTrue();
                }
                assertThat(flooder.pongs).as("flooder got a PONG for every PING").isEqualTo(flooder.pings);
            } finally {
                open.forEach(RawClient::close);
                flooder.close();
            }
            // the violations themselves are logged as nats-server logs them (LogConformanceTest); nothing else
            assertThat(log.problems()).as("warnings and errors logged by the server, but the violations")
                    .filteredOn(p -> !VIOLATION_LINE.matcher(p).matches()).isEmpty();
            log.assertNoExceptionLogged();
        }
    }

    /** The expected replies are nats-server's: the same attacks, one by one, against the official binary. */
    @Test
    void natsServerAnswersTheAttacksTheSameWay() throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start("")) {
            for (Attack attack : attacks()) {
                try (RawClient bad = RawClient.connect(official.port())) {
                    bad.send(attack.bytes());
                    assertOutcome(attack, bad);
                }
            }
        }
    }

    private static List<Attack> attacks() {
        Random random = new Random(42);
        byte[] binary = new byte[256 * 1024];
        random.nextBytes(binary);
        binary[0] = 0; // no op starts with a NUL, so nats-server fails on the first byte
        return List.of(
                Attack.of("garbage bytes", "\u0000\u00ffgarbage\r\n", UNKNOWN_OP + CLOSED),
                Attack.of("never-finished control line", QUIET + "SUB stream " + "x".repeat(100), ""),
                Attack.of("oversized control line", "PUB " + "x".repeat(64 * 1024),
                        "-ERR 'maximum control line exceeded'\r\n" + CLOSED),
                Attack.of("PUB with a bad size", QUIET + "PUB stream abc\r\n", CLOSED),
                Attack.of("huge declared payload", QUIET + "PUB stream 999999999\r\n" + "x".repeat(10_000),
                        "-ERR 'Maximum Payload Violation'\r\n" + CLOSED),
                new Attack("random binary data", binary, UNKNOWN_OP + CLOSED),
                Attack.of("half an op, then silence", QUIET + "PUB stream 10\r\nhel", ""),
                Attack.of("subscribes, then breaks the framing", QUIET + "SUB other 1\r\nPUB other 1\r\nxy\r\n",
                        UNKNOWN_OP + CLOSED),
                Attack.of("payload too long", QUIET + "PUB stream 2\r\n12345\r\n", UNKNOWN_OP + CLOSED),
                Attack.of("-ERR from the client", QUIET + "-ERR 'go away'\r\n", CLOSED));
    }

    // A client still sending when the server closes may see a reset before it has read the last bytes: then any
    // prefix of the expected reply, followed by the close, is what nats-server's behaviour allows too.
    private static void assertOutcome(Attack attack, RawClient bad) {
        if (attack.expected().endsWith(CLOSED)) {
            bad.awaitClose(Conversation.TIMEOUT);
            String reply = attack.expected().substring(0, attack.expected().length() - CLOSED.length());
            assertThat(bad.isClosed()).as(attack.name() + ": closed").isTrue();
            assertThat(reply).as(attack.name() + ": reply").startsWith(bad.text());
            if (attack.bytes().length < 64 * 1024) {
                assertThat(bad.text()).as(attack.name() + ": reply").isEqualTo(reply);
            }
        } else {
            bad.readFor(Duration.ofMillis(50));
            assertThat(withoutPings(bad.transcript())).as(attack.name()).isEqualTo(attack.expected());
        }
    }

    private static String withoutPings(String transcript) {
        return transcript.replace("PING\r\n", "");
    }

    private static Connection connect(NatsServer server) throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).connectionTimeout(Duration.ofSeconds(5))
                .build());
    }

    /** Publishes megabytes to a subject nobody reads, with PINGs in between, reading nothing until it is done. */
    private static final class Flooder implements AutoCloseable {

        private static final int BATCHES = 400;
        private static final int PUBS_PER_BATCH = 50;

        private final RawClient client;
        private int pings;
        private volatile int pongs = -1;

        Flooder(int port) throws IOException {
            client = RawClient.connect(port);
        }

        void flood() {
            String payload = "f".repeat(1024);
            String pub = "PUB flood.nobody 1024\r\n" + payload + "\r\n";
            String batch = pub.repeat(PUBS_PER_BATCH) + "PING\r\n";
            client.send(QUIET);
            for (int i = 0; i < BATCHES; i++) {
                client.send(batch);
                pings++;
            }
            client.readUntil(t -> Conversation.count(t, "PONG\r\n") >= pings, Duration.ofSeconds(20));
            assertThat(withoutPings(client.text())).as("flooder: nothing but PONGs")
                    .isEqualTo("PONG\r\n".repeat(pings));
            pongs = Conversation.count(client.text(), "PONG\r\n");
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
