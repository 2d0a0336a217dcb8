package io.natsboot.server.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.ClientTransport;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client protocol as the real jnats client uses it, over real sockets and in-process. */
@ParameterizedClass
@EnumSource(ClientTransport.class)
class JnatsClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static NatsServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Parameter
    ClientTransport transport;

    private Connection connect() throws Exception {
        return Nats.connect(transport.options(server).build());
    }

    private Connection connect(Options.Builder builder) throws Exception {
        return Nats.connect(transport.options(builder, server).build());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void serverInfoIsWhatClientsNeed() throws Exception {
        try (Connection nc = connect()) {
            var info = nc.getServerInfo();
            assertThat(info.getServerId()).hasSize(56).startsWith("N");
            assertThat(info.getVersion()).isEqualTo("2.9.10");
            assertThat(info.getMaxPayload()).isEqualTo(1024 * 1024);
            assertThat(info.isHeadersSupported()).isTrue();
            assertThat(info.getProtocolVersion()).isEqualTo(1);
            assertThat(info.getPort()).isEqualTo(server.port());
        }
    }

    @Test
    void publishReachesSubscriberOnAnotherConnection() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            Subscription s = sub.subscribe("greet");
            sub.flush(WAIT);
            pub.publish("greet", utf8("hello"));
            Message m = s.nextMessage(WAIT);
            assertThat(text(m)).isEqualTo("hello");
            assertThat(m.getSubject()).isEqualTo("greet");
        }
    }

    @Test
    void wildcardsMatchAsNatsDoes() throws Exception {
        try (Connection nc = connect()) {
            Subscription star = nc.subscribe("w.*.x");
            Subscription full = nc.subscribe("w.>");
            Subscription literal = nc.subscribe("w.a.x");
            nc.flush(WAIT);
            nc.publish("w.a.x", utf8("1"));
            nc.publish("w.b.x", utf8("2"));
            nc.publish("w.a.x.y", utf8("3"));
            nc.publish("w", utf8("4"));
            nc.flush(WAIT);
            assertThat(drain(star)).containsExactly("1", "2");
            assertThat(drain(full)).containsExactly("1", "2", "3");
            assertThat(drain(literal)).containsExactly("1");
        }
    }

    @Test
    void queueGroupDeliversEachMessageToExactlyOneMember() throws Exception {
        int members = 4;
        int messages = 2000;
        List<Connection> connections = new ArrayList<>();
        try (Connection pub = connect()) {
            Map<String, AtomicInteger> perMember = new ConcurrentHashMap<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger total = new AtomicInteger();
            for (int i = 0; i < members; i++) {
                Connection nc = connect();
                connections.add(nc);
                String member = "m" + i;
                perMember.put(member, new AtomicInteger());
                Dispatcher d = nc.createDispatcher(m -> {
                    perMember.get(member).incrementAndGet();
                    seen.add(text(m));
                    total.incrementAndGet();
                });
                d.subscribe("jobs", "workers");
                nc.flush(WAIT);
            }
            Subscription plain = pub.subscribe("jobs");
            pub.flush(WAIT);
            for (int i = 0; i < messages; i++) {
                pub.publish("jobs", utf8(Integer.toString(i)));
            }
            pub.flush(WAIT);
            await().atMost(WAIT).until(() -> total.get() >= messages);
            for (Connection nc : connections) {
                nc.flush(WAIT);
            }
            assertThat(total.get()).isEqualTo(messages);
            assertThat(seen).hasSize(messages);
            // random choice: every member gets a fair share, far from zero
            assertThat(perMember.values()).allSatisfy(n -> assertThat(n.get()).isGreaterThan(messages / members / 3));
            // a plain subscriber on the same subject gets every message regardless of the group
            assertThat(drain(plain)).hasSize(messages);
        } finally {
            for (Connection nc : connections) {
                nc.close();
            }
        }
    }

    @Test
    void requestReply() throws Exception {
        try (Connection responder = connect(); Connection requester = connect()) {
            Dispatcher d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(),
                    utf8("re:" + text(m))));
            d.subscribe("service");
            responder.flush(WAIT);
            Message reply = requester.request("service", utf8("ping"), WAIT);
            assertThat(text(reply)).isEqualTo("re:ping");
            List<CompletableFuture<Message>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(requester.request("service", utf8("n" + i)));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(text(futures.get(i).get(5, TimeUnit.SECONDS))).isEqualTo("re:n" + i);
            }
        }
    }

    @Test
    void requestToNobodyFailsFastWithNoResponders() throws Exception {
        try (Connection nc = connect()) {
            long start = System.nanoTime();
            CompletableFuture<Message> f = nc.request("nobody.home", utf8("?"));
            // jnats cancels the request future when the 503 no-responders status arrives
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            // ... at once, not at a timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            Message direct = nc.request("nobody.home", utf8("?"), Duration.ofSeconds(4));
            assertThat(direct).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void headersTravelWithTheMessage() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            Subscription s = sub.subscribe("h");
            sub.flush(WAIT);
            Headers headers = new Headers().add("X-Key", "v1", "v2").add("Other", "x");
            pub.publish(NatsMessage.builder().subject("h").headers(headers).data(utf8("body")).build());
            Message m = s.nextMessage(WAIT);
            assertThat(text(m)).isEqualTo("body");
            assertThat(m.getHeaders().get("X-Key")).containsExactly("v1", "v2");
            assertThat(m.getHeaders().getFirst("Other")).isEqualTo("x");
        }
    }

    @Test
    void headersAreStrippedForAClientWithoutHeaderSupport() throws Exception {
        // jnats' noHeaders() alone still asks for no_responders, which nats-server refuses without headers
        try (Connection sub = connect(new Options.Builder().noHeaders().noNoResponders()); Connection pub = connect()) {
            Subscription s = sub.subscribe("h2");
            sub.flush(WAIT);
            pub.publish(NatsMessage.builder().subject("h2").headers(new Headers().add("K", "v"))
                    .data(utf8("plain")).build());
            Message m = s.nextMessage(WAIT);
            assertThat(text(m)).isEqualTo("plain");
            assertThat(m.hasHeaders()).isFalse();
        }
    }

    @Test
    void noEchoKeepsOwnMessagesAway() throws Exception {
        try (Connection quiet = connect(new Options.Builder().noEcho()); Connection other = connect()) {
            Subscription own = quiet.subscribe("echo");
            Subscription theirs = other.subscribe("echo");
            quiet.flush(WAIT);
            other.flush(WAIT);
            quiet.publish("echo", utf8("from-quiet"));
            other.publish("echo", utf8("from-other"));
            quiet.flush(WAIT);
            other.flush(WAIT);
            assertThat(text(own.nextMessage(WAIT))).isEqualTo("from-other");
            assertThat(own.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(drain(theirs)).containsExactlyInAnyOrder("from-quiet", "from-other");
        }
    }

    @Test
    void autoUnsubscribeAfterMaxMessages() throws Exception {
        try (Connection nc = connect()) {
            Subscription s = nc.subscribe("limited");
            s.unsubscribe(3);
            nc.flush(WAIT);
            for (int i = 0; i < 10; i++) {
                nc.publish("limited", utf8(Integer.toString(i)));
            }
            nc.flush(WAIT);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(text(s.nextMessage(WAIT)));
            }
            assertThat(got).containsExactly("0", "1", "2");
            // jnats marks the subscription inactive after the third message; the server must have removed it
            assertThat(s.isActive()).isFalse();
            assertThat(server.subjects().match("limited").isEmpty()).isTrue();
        }
    }

    @Test
    void unsubscribeStopsDeliveryAndRemovesInterest() throws Exception {
        try (Connection nc = connect()) {
            Subscription s = nc.subscribe("gone");
            nc.flush(WAIT);
            assertThat(server.subjects().match("gone").isEmpty()).isFalse();
            s.unsubscribe();
            nc.flush(WAIT);
            assertThat(server.subjects().match("gone").isEmpty()).isTrue();
        }
    }

    @Test
    void closingAConnectionRemovesItsSubscriptions() throws Exception {
        Connection nc = connect();
        nc.subscribe("temp.a");
        nc.subscribe("temp.*", "q");
        nc.flush(WAIT);
        assertThat(server.subjects().match("temp.a").size()).isEqualTo(2);
        nc.close();
        await().atMost(WAIT).until(() -> server.subjects().match("temp.a").isEmpty());
    }

    @Test
    void largeMessagesArriveIntact() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            Subscription s = sub.subscribe("big");
            sub.flush(WAIT);
            byte[] payload = new byte[1024 * 1024];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 31);
            }
            for (int i = 0; i < 5; i++) {
                pub.publish("big", payload);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(s.nextMessage(WAIT).getData()).isEqualTo(payload);
            }
        }
    }

    @Test
    void publishAboveMaxPayloadIsRefusedByTheClient() throws Exception {
        try (Connection nc = connect()) {
            assertThatThrownBy(() -> nc.publish("too.big", new byte[1024 * 1024 + 1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void manyPublishersAndSubscribersLoseNothing() throws Exception {
        int publishers = 3;
        int perPublisher = 5000;
        List<Connection> all = new ArrayList<>();
        try {
            Connection subConn = connect();
            all.add(subConn);
            List<String> received = new CopyOnWriteArrayList<>();
            Dispatcher d = subConn.createDispatcher(m -> received.add(text(m)));
            d.subscribe("stream.>");
            subConn.flush(WAIT);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                Connection pc = connect();
                all.add(pc);
                int id = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        pc.publish("stream." + id, utf8(id + ":" + i));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            for (Connection c : all) {
                c.flush(WAIT);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= publishers * perPublisher);
            // per publisher, order is kept
            for (int p = 0; p < publishers; p++) {
                String prefix = p + ":";
                List<String> mine = received.stream().filter(s -> s.startsWith(prefix)).toList();
                assertThat(mine).hasSize(perPublisher);
                for (int i = 0; i < perPublisher; i++) {
                    assertThat(mine.get(i)).isEqualTo(prefix + i);
                }
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }
    }

    private static List<String> drain(Subscription s) throws InterruptedException {
        List<String> out = new ArrayList<>();
        Message m;
        while ((m = s.nextMessage(Duration.ofMillis(200))) != null) {
            out.add(text(m));
        }
        return out;
    }
}
