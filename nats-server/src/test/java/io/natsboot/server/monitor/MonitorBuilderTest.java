package io.natsboot.server.monitor;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.json.JsonReader;
import io.natsboot.server.test.TestServers;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The document builders called directly, the handler on an embedded channel, and the listener's start failure. */
class MonitorBuilderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ConnInfo conn(long cid, int subs, long pending, long inMsgs, long outMsgs, long inBytes,
            long outBytes, long startSec, long lastSec, Long stopSec, String reason) {
        Instant start = T0.plusSeconds(startSec);
        return new ConnInfo(cid, "127.0.0.1", 1000 + (int) cid, start, T0.plusSeconds(lastSec),
                stopSec == null ? null : T0.plusSeconds(stopSec), reason, "0s", "0s", "0s", pending, inMsgs,
                outMsgs, inBytes, outBytes, subs, "c" + cid, "", "", null, null, List.of());
    }

    private static long[] order(List<ConnInfo> conns, ConnzSort sort) {
        return conns.stream().sorted(sort.comparator(T0.plusSeconds(1000))).mapToLong(ConnInfo::cid).toArray();
    }

    @Test
    void sortOrdersFollowNatsServer() {
        List<ConnInfo> conns = List.of(
                conn(1, 2, 30, 5, 1, 50, 10, 0, 100, 300L, "Stale Connection"),
                conn(2, 9, 10, 1, 7, 10, 70, 10, 20, 900L, "Client Closed"),
                conn(3, 5, 20, 9, 3, 90, 30, 500, 510, 600L, "Parse Error"));
        assertThat(order(conns, ConnzSort.CID)).containsExactly(1, 2, 3);
        assertThat(order(conns, ConnzSort.START)).containsExactly(1, 2, 3);
        assertThat(order(conns, ConnzSort.SUBS)).containsExactly(2, 3, 1);
        assertThat(order(conns, ConnzSort.PENDING)).containsExactly(1, 3, 2);
        assertThat(order(conns, ConnzSort.MSGS_FROM)).containsExactly(3, 1, 2);
        assertThat(order(conns, ConnzSort.MSGS_TO)).containsExactly(2, 3, 1);
        assertThat(order(conns, ConnzSort.BYTES_FROM)).containsExactly(3, 1, 2);
        assertThat(order(conns, ConnzSort.BYTES_TO)).containsExactly(2, 3, 1);
        assertThat(order(conns, ConnzSort.LAST)).containsExactly(3, 1, 2);
        // start→last: 100, 10, 10 seconds; ties keep cid order
        assertThat(order(conns, ConnzSort.IDLE)).containsExactly(1, 2, 3);
        // start→stop: 300, 890, 100 seconds, shortest first
        assertThat(order(conns, ConnzSort.UPTIME)).containsExactly(3, 1, 2);
        assertThat(order(conns, ConnzSort.STOP)).containsExactly(2, 3, 1);
        assertThat(order(conns, ConnzSort.REASON)).containsExactly(2, 3, 1);
        assertThat(Arrays.stream(ConnzSort.values()).map(ConnzSort::key)).containsExactly("cid", "start", "subs",
                "pending", "msgs_to", "msgs_from", "bytes_to", "bytes_from", "last", "idle", "uptime", "stop",
                "reason");
    }

    @Test
    void connzRefusesStopAndReasonSortsOfOpenConnections() {
        try (NatsServer server = TestServers.start()) {
            Monitor monitor = new Monitor(server, RouteSource.NONE);
            for (Connz.State state : List.of(Connz.State.OPEN, Connz.State.ALL)) {
                assertThatThrownBy(() -> monitor.connz(new Connz.Options(ConnzSort.REASON, false, false, 0, 0, 0,
                        state))).hasMessage("sort by reason only valid on closed connections");
            }
            Connz closed = monitor.connz(new Connz.Options(ConnzSort.REASON, false, false, -5, -1, 0,
                    Connz.State.CLOSED));
            assertThat(closed.offset()).isZero();
            assertThat(closed.limit()).isEqualTo(Connz.DEFAULT_LIMIT);
            assertThat(closed.connections()).isEmpty();
        }
    }

    @Test
    void routesComeFromTheRouteSource() {
        SubDetail sub = new SubDetail(null, "foo", null, "1", 4, 0, 7);
        RouteInfo route = new RouteInfo(7, "NREMOTE", true, true, "10.0.0.2", 6222, T0, T0.plusSeconds(5), "1.5ms",
                "1m0s", "55s", 0, 1, 2, 3, 4, 1, List.of(sub));
        try (NatsServer server = TestServers.start()) {
            Monitor monitor = new Monitor(server, (now, withSubs) -> List.of(withSubs ? route
                    : new RouteInfo(7, "NREMOTE", true, true, "10.0.0.2", 6222, T0, T0.plusSeconds(5), "1.5ms",
                            "1m0s", "55s", 0, 1, 2, 3, 4, 1, List.of())));
            assertThat(monitor.varz().routes()).isEqualTo(1);

            Map<String, Object> plain = JsonReader.parseObject(monitor.routez(false, false).toJson());
            assertThat(plain).containsEntry("num_routes", 1L);
            @SuppressWarnings("unchecked")
            Map<String, Object> r = ((List<Map<String, Object>>) plain.get("routes")).get(0);
            assertThat(r.keySet()).containsExactly("rid", "remote_id", "did_solicit", "is_configured", "ip", "port",
                    "start", "last_activity", "rtt", "uptime", "idle", "pending_size", "in_msgs", "out_msgs",
                    "in_bytes", "out_bytes", "subscriptions");
            assertThat(r).containsEntry("rid", 7L).containsEntry("remote_id", "NREMOTE")
                    .containsEntry("did_solicit", true).containsEntry("start", "2026-01-01T00:00:00Z");

            assertThat(monitor.routez(true, false).toJson()).contains("\"subscriptions_list\":[\"foo\"]");
            assertThat(monitor.routez(false, true).toJson()).contains(
                    "\"subscriptions_list_detail\":[{\"subject\":\"foo\",\"sid\":\"1\",\"msgs\":4,\"cid\":7}]");
        }
    }

    @Test
    void healthzIs503WhenTheServerDoesNotAcceptClients() {
        NatsServer server = TestServers.start();
        server.shutdown();
        Monitor monitor = new Monitor(server, RouteSource.NONE);
        assertThat(monitor.healthz().healthy()).isFalse();

        EmbeddedChannel channel = new EmbeddedChannel(new MonitorHandler(monitor));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
            assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo(
                    "{\"status\":\"error\",\"error\":\"failed to be ready for connections after 1ms: server\"}");
        } finally {
            response.release();
        }
        assertThat(channel.isOpen()).isTrue(); // HTTP/1.1 keeps the connection
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aTakenMonitorPortFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> TestServers.start(o -> o.setHttpPort(taken.getLocalPort())))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageStartingWith("Can't start monitoring: can't listen to the monitor port: 127.0.0.1:"
                            + taken.getLocalPort());
        }
    }
}
