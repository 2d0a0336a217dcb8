package io.natsboot.server;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.route.RouteConnection;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.server.test.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node stopped while a publisher on it is mid-stream, its subscriber on the other node: clients close before the
 * routes, and what they sent until then crosses the route, so nothing the node took in is lost, in particular nothing
 * it confirmed (PONG after a flush) before the stop.
 */
class ShutdownOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final TestCluster cluster = new TestCluster("so");

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
    }

    @Test
    void whatAClientSendsAfterTheServersFinIsStillRouted() throws Exception {
        NatsServer a = cluster.node("A", null);
        NatsServer b = cluster.node("B", a);
        await().atMost(WAIT).until(() -> a.routeManager().routes().size() == 1
                && b.routeManager().routes().size() == 1);
        Connection subscriber = Nats.connect(new Options.Builder().server(b.clientUrl()).build());
        cluster.keep(subscriber);
        io.nats.client.Subscription sub = subscriber.subscribe("fin.after");
        subscriber.flush(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> a.subjects().count() > 0);

        try (Socket socket = new Socket("127.0.0.1", a.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write("CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("PONG\r\n") < 0) {
                seen.append((char) in.read());
            }
            Thread stopping = new Thread(a::shutdown, "stopping A");
            stopping.start();
            // the server's FIN: the end of the stream
            while (in.read() >= 0) {
                // the rest of what the server had queued
            }
            out.write("PUB fin.after 5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.close();
            stopping.join(WAIT.toMillis());
        }
        io.nats.client.Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @RepeatedTest(2)
    void nothingConfirmedBeforeTheStopIsLost() throws Exception {
        NatsServer a = cluster.node("A", null);
        NatsServer b = cluster.node("B", a);
        await().atMost(WAIT).until(() -> a.routeManager().routes().size() == 1
                && b.routeManager().routes().size() == 1);

        BitSet received = new BitSet();
        Connection subscriber = Nats.connect(new Options.Builder().server(b.clientUrl()).build());
        cluster.keep(subscriber);
        subscriber.createDispatcher(m -> {
            int seq = Integer.parseInt(new String(m.getData(), StandardCharsets.US_ASCII));
            synchronized (received) {
                received.set(seq);
            }
        }).subscribe("so.stream");
        subscriber.flush(Duration.ofSeconds(5));
        await().atMost(WAIT).until(() -> a.subjects().count() > 0);

        Connection publisher = Nats.connect(new Options.Builder().server(a.clientUrl())
                .reconnectWait(Duration.ofMillis(20)).maxReconnects(-1).build());
        cluster.keep(publisher);
        await().atMost(WAIT).until(() -> publisher.getServers().size() >= 2);

        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger published = new AtomicInteger();
        AtomicInteger confirmedBeforeStop = new AtomicInteger();
        Thread stream = new Thread(() -> {
            try {
                while (publishing.get()) {
                    int seq = published.incrementAndGet();
                    publisher.publish("so.stream", Integer.toString(seq).getBytes(StandardCharsets.US_ASCII));
                    if (seq % 50 == 0) {
                        try {
                            publisher.flush(Duration.ofSeconds(2));
                            if (!stopped.get()) {
                                confirmedBeforeStop.set(seq);
                            }
                        } catch (java.util.concurrent.TimeoutException | IllegalStateException e) {
                            // reconnecting: what follows is kept by the client for the other node
                        }
                    }
                }
            } catch (InterruptedException | IllegalStateException e) {
                // the test is over
            }
        }, "publisher");
        stream.start();
        await().atMost(WAIT).until(() -> confirmedBeforeStop.get() >= 500);

        RouteConnection fromA = b.routeManager().routes().get(0);
        try (LogRecorder log = new LogRecorder(NatsServer.class.getName(), Level.INFO)) {
            // a flush answered from here on may come from B after a reconnect: only earlier ones count
            stopped.set(true);
            long signal = System.nanoTime();
            a.shutdown();
            long tookMillis = (System.nanoTime() - signal) / 1_000_000;
            assertThat(log.lines()).containsSubsequence("INFO Initiating Shutdown...", "INFO Server Exiting..");
            System.err.println("shutdown of A took " + tookMillis + " ms (loaded machine)");
        }
        await().atMost(WAIT).until(() -> publisher.getStatus() == Connection.Status.CONNECTED
                && publisher.getConnectedUrl().endsWith(":" + b.port()));
        await().atMost(WAIT).until(() -> published.get() > confirmedBeforeStop.get() + 500);
        publishing.set(false);
        stream.join();
        publisher.flush(Duration.ofSeconds(5));

        // everything A read crossed the route before it closed
        await().atMost(WAIT).untilAsserted(() -> assertThat(fromA.inMsgs()).isEqualTo(a.stats().inMsgs.sum()));
        int confirmed = confirmedBeforeStop.get();
        await().atMost(WAIT).untilAsserted(() -> {
            synchronized (received) {
                assertThat(received.nextClearBit(1)).as("first missing message").isGreaterThan(confirmed);
            }
        });
        int lost;
        String missing;
        synchronized (received) {
            lost = published.get() - received.cardinality();
            BitSet gaps = new BitSet();
            gaps.set(1, published.get() + 1);
            gaps.andNot(received);
            missing = gaps.toString();
        }
        System.err.println("shutdown order: published " + published.get() + ", confirmed before the stop "
                + confirmed + ", lost " + lost + " " + (missing.length() > 200 ? missing.substring(0, 200) : missing)
                + " (loaded machine)");
    }
}
