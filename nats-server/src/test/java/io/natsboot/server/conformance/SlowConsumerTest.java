package io.natsboot.server.conformance;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.ConnInfo;
import io.natsboot.server.client.ClosedReason;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that never reads, with a small max_pending, while a publisher floods its subject: the server cuts it
 * (nats-server 2.9 sends no -ERR for a slow consumer, it just closes) and a well-behaved subscriber on the same
 * subject still gets every message, in order. Played on natsboot and on nats-server.
 */
class SlowConsumerTest {

    private static final int MAX_PENDING = 256 * 1024;
    private static final int MESSAGES = 20_000;
    private static final int SIZE = 1024;

    @Test
    void slowConsumerIsCutAndOthersGetEverything() throws Exception {
        try (NatsServer server = TestServers.start(o -> o.setMaxPending(MAX_PENDING)
                .setMaxPayload(64 * 1024).setWriteDeadline(Duration.ofSeconds(1)))) {
            String slowTranscript = flood(server.port(), server.clientUrl(), true);

            // the producer is stalled while the receiver is behind, so the write deadline usually cuts it first
            assertThat(server.stats().slowConsumers.get()).isEqualTo(1);
            assertThat(server.closedClients()).map(ConnInfo::reason)
                    .filteredOn(r -> r.equals(ClosedReason.SLOW_CONSUMER_WRITE_DEADLINE.toString())
                            || r.equals(ClosedReason.SLOW_CONSUMER_PENDING_BYTES.toString()))
                    .hasSize(1);
            assertThat(slowTranscript).startsWith("MSG big 1 " + SIZE + "\r\n");
        }
    }

    @Test
    void natsServerDoesTheSame() throws Exception {
        try (NatsServerProcess official = NatsServerProcess.start(
                "max_pending: " + MAX_PENDING + "\nmax_payload: " + 64 * 1024 + "\nwrite_deadline: \"1s\"\n")) {
            String slowTranscript = flood(official.port(), official.clientUrl(), true);
            assertThat(slowTranscript).startsWith("MSG big 1 " + SIZE + "\r\n");
        }
    }

    /**
     * A burst far above max_pending to a subscriber that reads as fast as it can is throttled at the producer, never
     * charged to the subscriber (natsboot used to cut such a subscriber, e.g. when it shared the producer's event
     * loop).
     */
    @Test
    void burstToAFastConsumerIsThrottledNotCut() throws Exception {
        try (NatsServer server = TestServers.start(o -> o.setMaxPending(MAX_PENDING).setMaxPayload(64 * 1024))) {
            flood(server.port(), server.clientUrl(), false);
            assertThat(server.stats().slowConsumers.get()).isZero();
        }
    }

    /** Returns what the slow consumer (if asked for) had received when it was cut. */
    private static String flood(int port, String url, boolean withSlowConsumer) throws Exception {
        AtomicInteger disconnects = new AtomicInteger();
        Options options = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5))
                .connectionListener((conn, event) -> {
                    if (event == ConnectionListener.Events.DISCONNECTED) {
                        disconnects.incrementAndGet();
                    }
                })
                .build();
        try (RawClient slow = RawClient.connect(port, 4096);
             Connection good = Nats.connect(options);
             Connection publisher = Nats.connect(options)) {
            if (withSlowConsumer) {
                slow.send("CONNECT {\"verbose\":false}\r\nSUB big 1\r\nPING\r\n");
                assertThat(slow.readUntil(t -> t.equals("PONG\r\n"), Conversation.TIMEOUT)).isTrue();
                slow.clear();
            }

            AtomicInteger received = new AtomicInteger();
            AtomicInteger outOfOrder = new AtomicInteger();
            Dispatcher dispatcher = good.createDispatcher(m -> {
                int seq = Integer.parseInt(new String(m.getData(), 0, 8, StandardCharsets.US_ASCII).trim());
                if (seq != received.getAndIncrement()) {
                    outOfOrder.incrementAndGet();
                }
            });
            dispatcher.subscribe("big");
            good.flush(Duration.ofSeconds(5));

            for (int i = 0; i < MESSAGES; i++) {
                byte[] payload = new byte[SIZE]; // jnats may queue the array itself: one per message
                Arrays.fill(payload, (byte) '.');
                byte[] seq = String.format("%8d", i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(seq, 0, payload, 0, seq.length);
                publisher.publish("big", payload);
                if (i % 1000 == 999) {
                    // the server stalls a producer whose receiver falls behind: keep jnats' own queue short
                    publisher.flush(Duration.ofSeconds(30));
                }
            }
            publisher.flush(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() >= MESSAGES);
            assertThat(received.get()).isEqualTo(MESSAGES);
            assertThat(outOfOrder.get()).as("messages out of order").isZero();
            assertThat(disconnects.get()).as("jnats disconnects").isZero();

            if (!withSlowConsumer) {
                return null;
            }
            assertThat(slow.awaitClose(Duration.ofSeconds(10))).as("slow consumer closed").isTrue();
            String transcript = slow.text();
            assertThat(transcript).as("no -ERR for a slow consumer").doesNotContain("-ERR");
            assertThat(transcript.length()).as("the slow consumer was cut early")
                    .isLessThan(MESSAGES * (SIZE + 20));
            return transcript;
        }
    }
}
