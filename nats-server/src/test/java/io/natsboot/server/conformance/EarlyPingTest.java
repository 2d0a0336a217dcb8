package io.natsboot.server.conformance;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.ConnInfo;
import io.natsboot.server.monitor.Connz;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PING nats-server sends soon after CONNECT to measure the round trip: 2 s after CONNECT (plus up to 20%), even
 * to a client that has been talking meanwhile, never early, and not to a socket that has not sent CONNECT; its PONG
 * gives {@code rtt} in /connz. The timing is compared with the official binary's on the same bytes; the assertions
 * are bounds the servers' timers cannot break (not before 2 s), with a generous upper bound for a loaded machine.
 */
class EarlyPingTest {

    private static final long FIRST_PING_MILLIS = 2000;
    private static final Duration LATE = Duration.ofSeconds(10);
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"lang\":\"raw\","
            + "\"version\":\"1\",\"name\":\"rtt\",\"protocol\":1}\r\n";
    /** How long the raw client sits on the server's PING before answering: the rtt can be no shorter. */
    private static final long PONG_DELAY_MILLIS = 300;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    /** What one server did: when its PING came after CONNECT, and whether an idle socket got one. */
    private record Timing(long pingAfterMillis, String connected, String idle) {
    }

    private Timing firstPing(int port) throws Exception {
        RawClient idle = closing(RawClient.connect(port));
        long idleOpened = System.nanoTime();
        RawClient client = closing(RawClient.connect(port));
        long sent = System.nanoTime();
        // a client that talks right away (as every client library does) still gets the PING
        client.send(CONNECT + "PING\r\n");
        assertThat(client.readUntil(t -> t.contains("PONG\r\n"), LATE)).as(client.transcript()).isTrue();
        client.clear();
        assertThat(client.readUntil(t -> t.contains("PING\r\n"), LATE)).as(client.transcript()).isTrue();
        long after = (System.nanoTime() - sent) / 1_000_000;
        // the idle socket has been open at least as long: nothing for it (its regular timer is minutes away)
        idle.readFor(Duration.ofMillis(Math.max(0, FIRST_PING_MILLIS * 3 / 2 - (System.nanoTime() - idleOpened)
                / 1_000_000)));
        return new Timing(after, client.transcript(), idle.transcript());
    }

    @Test
    void firstPingComesTwoSecondsAfterConnectAsNatsServers() throws Exception {
        NatsServerProcess official = closing(NatsServerProcess.start(""));
        NatsServer natsboot = closing(TestServers.start());

        Timing theirs = firstPing(official.port());
        Timing ours = firstPing(natsboot.port());

        assertThat(theirs.connected()).isEqualTo("PING\r\n");
        assertThat(theirs.idle()).isEmpty();
        assertThat(theirs.pingAfterMillis()).isGreaterThanOrEqualTo(FIRST_PING_MILLIS);
        assertThat(ours.connected()).isEqualTo(theirs.connected());
        assertThat(ours.idle()).isEqualTo(theirs.idle());
        assertThat(ours.pingAfterMillis()).isBetween(FIRST_PING_MILLIS, LATE.toMillis());
    }

    @Test
    void pongToTheFirstPingIsTheRttInConnz() throws Exception {
        NatsServer natsboot = closing(TestServers.start());
        RawClient client = closing(RawClient.connect(natsboot.port()));
        client.send(CONNECT).sync();
        // until the PONG: nats-server's estimate, the time from accept to CONNECT
        String estimate = rtt(natsboot);
        assertThat(estimate).isNotEqualTo("0s").matches(GO_DURATION);

        client.clear();
        assertThat(client.readUntil(t -> t.contains("PING\r\n"), LATE)).as(client.transcript()).isTrue();
        Thread.sleep(PONG_DELAY_MILLIS); // the round trip the server must measure, not a wait for a condition
        client.send("PONG\r\n").sync();

        assertThat(nanos(rtt(natsboot))).isGreaterThanOrEqualTo(PONG_DELAY_MILLIS * 1_000_000);
    }

    @Test
    void jnatsAnswersTheFirstPingAndStaysConnected() throws Exception {
        NatsServer natsboot = closing(TestServers.start());
        Connection nc = Nats.connect(new Options.Builder().server(natsboot.clientUrl()).noReconnect().build());
        closing(nc);
        io.nats.client.Subscription sub = nc.subscribe("after.ping");
        nc.flush(LATE);
        String estimate = rtt(natsboot);
        await().atMost(LATE).until(() -> !rtt(natsboot).equals(estimate));

        nc.publish("after.ping", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(sub.nextMessage(LATE)).isNotNull();
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(nc.getStatistics().getReconnects()).isZero();
    }

    @Test
    void routesMeasureTheirRttFromTheFirstRoutePing() {
        NatsServer a = closing(TestServers.start(o -> o.setServerName("a").getCluster().setName("rtt")
                .setHost("127.0.0.1").setPort(0)));
        NatsServer b = closing(TestServers.start(o -> o.setServerName("b").getCluster().setName("rtt")
                .setHost("127.0.0.1").setPort(0).getRoutes().add("nats-route://127.0.0.1:" + a.clusterPort())));
        // nats-server pings a new route after 1 s; its rtt is "0s" until the PONG
        for (NatsServer s : List.of(a, b)) {
            await().atMost(LATE).untilAsserted(() -> assertThat(s.monitor().routez(false, false).routes())
                    .singleElement().satisfies(r -> assertThat(r.rtt()).matches(GO_DURATION).isNotEqualTo("0s")));
        }
    }

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|µs|ms|s)");

    private static String rtt(NatsServer server) {
        List<ConnInfo> conns = server.monitor().connz(Connz.Options.DEFAULT).connections();
        assertThat(conns).hasSize(1);
        return conns.get(0).rtt();
    }

    private static long nanos(String goDuration) {
        Matcher m = GO_DURATION.matcher(goDuration);
        assertThat(m.matches()).as(goDuration).isTrue();
        double value = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "ns" -> 1;
            case "µs" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        return (long) (value * unit);
    }
}
