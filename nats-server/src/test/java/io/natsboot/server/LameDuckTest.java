package io.natsboot.server;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lame duck mode across a two-node cluster with jnats clients: they are told, moved to the other node one by one,
 * lose nothing they publish meanwhile, and the node shuts itself down once its clients are gone.
 */
class LameDuckTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final TestCluster cluster = new TestCluster("ld");

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
    }

    private NatsServer node(String name, NatsServer seed, Duration duration, Duration grace) {
        return cluster.node(name, seed, o -> o.setLameDuckDuration(duration).setLameDuckGracePeriod(grace));
    }

    private Connection connect(NatsServer server, ConnectionListener listener) throws Exception {
        Connection c = Nats.connect(new Options.Builder().server(server.clientUrl())
                .reconnectWait(Duration.ofMillis(20)).maxReconnects(-1).connectionListener(listener).build());
        cluster.keep(c);
        return c;
    }

    @Test
    void everyClientMovesToTheOtherNodeLosingNothingAndTheNodeExits() throws Exception {
        NatsServer a = node("A", null, Duration.ofSeconds(2), Duration.ofMillis(500));
        NatsServer b = node("B", a, Duration.ofSeconds(2), Duration.ofMillis(500));
        await().atMost(WAIT).until(() -> a.routeManager().routes().size() == 1
                && b.routeManager().routes().size() == 1);

        AtomicInteger received = new AtomicInteger();
        Connection subscriber = connect(b, (c, e) -> { });
        subscriber.createDispatcher(m -> received.incrementAndGet()).subscribe("ld.>");
        subscriber.flush(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> a.subjects().count() > 0);

        int clients = 4;
        AtomicInteger toldLameDuck = new AtomicInteger();
        List<Connection> onA = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            onA.add(connect(a, (c, e) -> {
                if (e == ConnectionListener.Events.LAME_DUCK) {
                    toldLameDuck.incrementAndGet();
                }
            }));
        }
        // every client of A knows B from A's INFO before A goes away
        await().atMost(WAIT).until(() -> onA.stream().allMatch(c -> c.getServers().size() >= 2));

        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        List<Thread> publishers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Connection c = onA.get(i);
            String subject = "ld." + i;
            Thread t = new Thread(() -> {
                // jnats keeps what is published while it reconnects and sends it on the new server
                try {
                    while (publishing.get()) {
                        c.publish(subject, "m".getBytes(StandardCharsets.UTF_8));
                        published.incrementAndGet();
                        Thread.sleep(2);
                    }
                } catch (InterruptedException | IllegalStateException e) {
                    // the test is over (a closed connection refuses)
                }
            }, "publisher-" + i);
            t.start();
            publishers.add(t);
        }

        RouteConnection fromA = b.routeManager().routes().get(0);
        try (LogRecorder log = new LogRecorder(NatsServer.class.getName(), Level.INFO)) {
            long entered = System.nanoTime();
            a.enterLameDuckMode();
            assertThat(a.isLameDuckMode()).isTrue();
            a.whenShutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - entered);
            // the clients were closed after the grace period only
            assertThat(tookMillis).isGreaterThanOrEqualTo(500);
            assertThat(a.isRunning()).isFalse();
            assertThat(log.contains("Entering lame duck mode, stop accepting new clients")).isTrue();
            assertThat(log.contains("Closing existing clients")).isTrue();
            assertThat(log.contains("Server Exiting..")).isTrue();
        }

        String bPort = ":" + b.port();
        await().atMost(WAIT).untilAsserted(() -> assertThat(onA).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(c.getConnectedUrl()).endsWith(bPort);
        }));
        assertThat(toldLameDuck.get()).isEqualTo(clients);
        publishing.set(false);
        for (Thread t : publishers) {
            t.join();
        }
        for (Connection c : onA) {
            c.flush(Duration.ofSeconds(5));
        }
        // nothing is lost: all A read went over the route, all B read reached the subscriber, and what the clients
        // sent while A let them go was read by A (it reads on until they close their side)
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(fromA.inMsgs()).isEqualTo(a.stats().inMsgs.sum());
            assertThat((long) received.get()).isEqualTo(b.stats().inMsgs.sum());
            assertThat(received.get()).isEqualTo(published.get());
        });
        // B no longer offers A's URL to its clients
        await().atMost(WAIT).until(() -> b.routeManager().clusterClientUrls().size() == 1);
    }

    @Test
    void aServerWithoutClientsShutsDownAtOnceAndShutdownEndsLameDuckMode() throws Exception {
        NatsServer idle = node("idle", null, Duration.ofMinutes(2), Duration.ofSeconds(10));
        idle.enterLameDuckMode();
        idle.whenShutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(idle.isRunning()).isFalse();

        NatsServer busy = node("busy", null, Duration.ofMinutes(2), Duration.ofSeconds(10));
        Connection c = connect(busy, (conn, e) -> { });
        busy.enterLameDuckMode();
        busy.enterLameDuckMode(); // once only
        // no new clients: the listener is closed
        await().atMost(WAIT).untilAsserted(() -> assertThat(busy.isLameDuckMode()).isTrue());
        assertThat(busy.isRunning()).isTrue();
        busy.shutdown();
        busy.whenShutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> c.getStatus() != Connection.Status.CONNECTED);
    }

    @Test
    void pacingSpreadsClientsOverWhatIsLeftOfTheDuration() {
        assertThat(LameDuck.Pacing.of(Duration.ofMinutes(2), Duration.ofSeconds(10), 1000))
                .isEqualTo(new LameDuck.Pacing(TimeUnit.MILLISECONDS.toNanos(110), 1));
        // never more than a second between two clients
        assertThat(LameDuck.Pacing.of(Duration.ofMinutes(2), Duration.ofSeconds(10), 10))
                .isEqualTo(new LameDuck.Pacing(TimeUnit.SECONDS.toNanos(1), 1));
        // a grace period as long as the duration leaves a second to spread them over
        assertThat(LameDuck.Pacing.of(Duration.ofSeconds(1), Duration.ofSeconds(1), 4))
                .isEqualTo(new LameDuck.Pacing(TimeUnit.MILLISECONDS.toNanos(250), 1));
        // more clients than nanoseconds: batches without pauses
        assertThat(LameDuck.Pacing.of(Duration.ofNanos(10), Duration.ZERO, 100))
                .isEqualTo(new LameDuck.Pacing(1, 10));
    }
}
