package io.natsboot.server.conformance;

import io.natsboot.server.test.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery across several connections, where nats-server's choices are random (queue members), so the properties are
 * compared rather than the bytes; and the orders nats-server does define.
 */
class DeliveryConformanceTest {

    private static final int MESSAGES = 200;

    private static ServerPairs servers;

    @BeforeAll
    static void checkBinary() {
        NatsServerProcess.requireBinary();
        servers = new ServerPairs();
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void queueGroupAcrossConnectionsGivesEachMessageToOneMember() {
        ServerPairs.Pair pair = servers.get(Profile.DEFAULT);
        for (int port : new int[] {pair.natsServer().port(), pair.natsboot().port()}) {
            assertQueueGroupDelivery(port);
        }
    }

    private static void assertQueueGroupDelivery(int port) {
        try (RawClient member1 = RawClient.connect(port);
             RawClient member2 = RawClient.connect(port);
             RawClient plain = RawClient.connect(port);
             RawClient publisher = RawClient.connect(port)) {
            subscribe(member1, "SUB work q 1\r\n");
            subscribe(member2, "SUB work q 1\r\n");
            subscribe(plain, "SUB work 5\r\n");
            StringBuilder pubs = new StringBuilder("CONNECT {\"verbose\":false}\r\n");
            for (int i = 0; i < MESSAGES; i++) {
                String payload = Integer.toString(i);
                pubs.append("PUB work ").append(payload.length()).append("\r\n").append(payload).append("\r\n");
            }
            subscribe(publisher, pubs.toString());

            List<Integer> got1 = received(member1, "1");
            List<Integer> got2 = received(member2, "1");
            List<Integer> all = received(plain, "5");

            List<Integer> expected = IntStream.range(0, MESSAGES).boxed().toList();
            assertThat(all).as("plain subscriber, port %d", port).isEqualTo(expected);
            List<Integer> members = new ArrayList<>(got1);
            members.addAll(got2);
            assertThat(members).as("queue members together, port %d", port)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(got1).as("member 1 in order").isSorted().isNotEmpty();
            assertThat(got2).as("member 2 in order").isSorted().isNotEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void subscribe(RawClient c, String ops) {
        String prefix = ops.startsWith("CONNECT") ? "" : "CONNECT {\"verbose\":false}\r\n";
        c.send(prefix + ops + "PING\r\n");
        assertThat(c.readUntil(t -> t.endsWith("PONG\r\n"), Conversation.TIMEOUT)).as("PONG").isTrue();
        c.clear();
    }

    private static List<Integer> received(RawClient c, String sid) {
        c.send("PING\r\n");
        assertThat(c.readUntil(t -> t.endsWith("PONG\r\n"), Conversation.TIMEOUT)).as("PONG").isTrue();
        List<Integer> seqs = new ArrayList<>();
        for (String op : ServerOps.split(c.text())) {
            if (op.startsWith("MSG ")) {
                String[] lines = op.split("\r\n");
                assertThat(lines[0]).startsWith("MSG work " + sid + " ");
                seqs.add(Integer.parseInt(lines[1]));
            }
        }
        return seqs;
    }

    /**
     * nats-server hands a message to the matching subscriptions of one connection in the order of its subject tree
     * walk: at the last token a literal comes before {@code *}. The same order picks the subscription that gets the
     * no-responders status.
     */
    @Test
    void subscriptionsOfOneConnectionInNatsServerOrder() {
        List<Conversation> conversations = List.of(
                Conversation.named("literal before * at the last token")
                        .send("CONNECT {\"verbose\":false}\r\nSUB foo.* 2\r\nSUB foo.bar 1\r\nSUB *.* 3\r\n"
                                + "SUB *.bar 4\r\nPUB foo.bar 1\r\nx\r\nPING\r\n")
                        .expect("MSG foo.bar 4 1\r\nx\r\nMSG foo.bar 3 1\r\nx\r\n"
                                + "MSG foo.bar 1 1\r\nx\r\nMSG foo.bar 2 1\r\nx\r\nPONG\r\n"),
                Conversation.named("no responders answer on the first matching subscription")
                        .send("CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true}\r\n"
                                + "SUB _INBOX.abc.1 8\r\nSUB _INBOX.abc.* 9\r\n"
                                + "PUB nobody.home _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .expect("HMSG _INBOX.abc.1 8 16 16\r\nNATS/1.0 503\r\n\r\n\r\nPONG\r\n"));
        ServerPairs.Pair pair = servers.get(Profile.DEFAULT);
        for (Conversation c : conversations) {
            Map<Integer, String> official = c.run(pair.natsServer().port());
            assertThat(official).as(c.name() + " on nats-server").isEqualTo(c.expected());
            assertThat(c.run(pair.natsboot().port())).as(c.name() + " on natsboot").isEqualTo(official);
        }
    }
}
