package io.natsboot.server.monitor;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The monitoring endpoints over real HTTP, against a server with real client traffic. */
class MonitorEndpointsTest {

    private static final String RFC3339 = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z";

    private NatsServer server;
    private int http;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = TestServers.start(o -> o.setHttpPort(0).setServerName("mon-test"));
        http = server.httpPort();
    }

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.shutdown();
    }

    private Connection jnats(String name) throws Exception {
        Connection nc = Nats.connect(new Options.Builder().server(server.clientUrl()).connectionName(name)
                .connectionTimeout(Duration.ofSeconds(5)).build());
        closeables.add(nc);
        return nc;
    }

    private RawClient raw(String connect) throws Exception {
        RawClient c = RawClient.connect(server.port());
        closeables.add(c);
        c.send("CONNECT " + connect + "\r\nPING\r\n").readUntil("PONG\r\n", Duration.ofSeconds(5));
        // so that a later readUntil("PONG") waits for its own PONG
        c.clear();
        return c;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> doc, String key) {
        return (List<Map<String, Object>>) doc.get(key);
    }

    @Test
    void monitoringIsOffUnlessAPortIsSet() {
        try (NatsServer plain = TestServers.start()) {
            assertThat(plain.httpPort()).isEqualTo(-1);
        }
        assertThat(http).isPositive().isNotEqualTo(server.port());
    }

    @Test
    void varzReportsIdentityLimitsAndCounters() throws Exception {
        Connection nc = jnats("varz-client");
        io.nats.client.Subscription sub = nc.subscribe("foo.*");
        for (int i = 0; i < 3; i++) {
            nc.publish("foo.bar", "hello".getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }

        Map<String, Object> v = Http.json(http, "/varz");

        assertThat(v.keySet()).containsExactly("server_id", "server_name", "version", "proto", "host", "port",
                "max_connections", "ping_interval", "ping_max", "http_host", "http_port", "auth_timeout",
                "max_control_line", "max_payload", "max_pending", "cluster", "tls_timeout", "write_deadline",
                "start", "now", "uptime", "mem", "cores", "cpu", "connections", "total_connections", "routes",
                "remotes", "leafnodes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "slow_consumers",
                "subscriptions", "http_req_stats", "config_load_time");
        assertThat(v).containsEntry("server_id", server.serverId())
                .containsEntry("server_name", "mon-test")
                .containsEntry("version", "2.9.10")
                .containsEntry("proto", 1L)
                .containsEntry("host", "127.0.0.1")
                .containsEntry("port", (long) server.port())
                .containsEntry("max_connections", 65536L)
                .containsEntry("ping_interval", 120_000_000_000L)
                .containsEntry("ping_max", 2L)
                .containsEntry("http_host", "127.0.0.1")
                .containsEntry("http_port", (long) http)
                .containsEntry("auth_timeout", 2L)
                .containsEntry("max_control_line", 4096L)
                .containsEntry("max_payload", 1048576L)
                .containsEntry("max_pending", 67108864L)
                .containsEntry("cluster", Map.of())
                .containsEntry("tls_timeout", 2L)
                .containsEntry("write_deadline", 10_000_000_000L)
                .containsEntry("cores", (long) Runtime.getRuntime().availableProcessors())
                .containsEntry("connections", 1L)
                .containsEntry("total_connections", 1L)
                .containsEntry("routes", 0L)
                .containsEntry("remotes", 0L)
                .containsEntry("leafnodes", 0L)
                .containsEntry("in_msgs", 3L)
                .containsEntry("in_bytes", 15L)
                .containsEntry("out_msgs", 3L)
                .containsEntry("out_bytes", 15L)
                .containsEntry("slow_consumers", 0L)
                .containsEntry("subscriptions", 1L)
                .containsEntry("http_req_stats", Map.of("/varz", 1L));
        assertThat((String) v.get("start")).matches(RFC3339);
        assertThat((String) v.get("now")).matches(RFC3339);
        assertThat((String) v.get("config_load_time")).isEqualTo(v.get("start"));
        assertThat(Instant.parse((String) v.get("start"))).isEqualTo(server.startTime());
        assertThat((String) v.get("uptime")).matches("\\d+s|\\d+m\\d+s");
        assertThat((Long) v.get("mem")).isPositive();
        assertThat(((Number) v.get("cpu")).doubleValue()).isGreaterThanOrEqualTo(0);

        Map<String, Object> again = Http.json(http, "/varz");
        assertThat(again.get("http_req_stats")).isEqualTo(Map.of("/varz", 2L));
    }

    @Test
    void varzIsIndentedJsonAndJsonpWithCallback() {
        Http.Response plain = Http.get(http, "/varz");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.contentType()).isEqualTo("application/json");
        assertThat(plain.body()).startsWith("{\n  \"server_id\": \"" + server.serverId() + "\",\n")
                .contains("\n  \"cluster\": {},\n").endsWith("\n}");

        Http.Response jsonp = Http.get(http, "/varz?callback=cb");
        assertThat(jsonp.status()).isEqualTo(200);
        assertThat(jsonp.contentType()).isEqualTo("application/javascript");
        assertThat(jsonp.body()).startsWith("cb({\n").endsWith("})");
    }

    @Test
    void connzListsOpenConnectionsWithSortOffsetLimitAndCid() throws Exception {
        Connection a = jnats("conn-a");
        Connection b = jnats("conn-b");
        Connection c = jnats("conn-c");
        b.subscribe("x");
        b.subscribe("y");
        for (int i = 0; i < 5; i++) {
            b.publish("nowhere", new byte[10]);
        }
        c.publish("nowhere", new byte[100]);
        a.flush(Duration.ofSeconds(5));
        b.flush(Duration.ofSeconds(5));
        c.flush(Duration.ofSeconds(5));

        Map<String, Object> all = Http.json(http, "/connz");
        assertThat(all.keySet()).containsExactly("server_id", "now", "num_connections", "total", "offset",
                "limit", "connections");
        assertThat(all).containsEntry("server_id", server.serverId()).containsEntry("num_connections", 3L)
                .containsEntry("total", 3L).containsEntry("offset", 0L).containsEntry("limit", 1024L);
        List<Map<String, Object>> conns = list(all, "connections");
        assertThat(conns).extracting(m -> m.get("name")).containsExactly("conn-a", "conn-b", "conn-c");
        Map<String, Object> connB = conns.get(1);
        assertThat(connB.keySet()).containsExactly("cid", "kind", "type", "ip", "port", "start", "last_activity",
                "rtt", "uptime", "idle", "pending_bytes", "in_msgs", "out_msgs", "in_bytes", "out_bytes",
                "subscriptions", "name", "lang", "version");
        assertThat(connB).containsEntry("kind", "Client").containsEntry("type", "nats")
                .containsEntry("ip", "127.0.0.1").containsEntry("lang", "java")
                .containsEntry("in_msgs", 5L).containsEntry("in_bytes", 50L).containsEntry("subscriptions", 2L);
        // everything was flushed to an idle, reading client
        assertThat((Long) connB.get("pending_bytes")).isZero();
        assertThat((String) connB.get("start")).matches(RFC3339);
        assertThat((String) connB.get("last_activity")).matches(RFC3339);
        assertThat((Long) connB.get("port")).isPositive();
        // estimated from accept to CONNECT until the PONG to the first PING measures it (EarlyPingTest)
        assertThat((String) connB.get("rtt")).matches("\\d+(\\.\\d+)?(ns|µs|ms|s)").isNotEqualTo("0s");

        assertThat(list(Http.json(http, "/connz?sort=msgs_from"), "connections"))
                .extracting(m -> m.get("name")).containsExactly("conn-b", "conn-c", "conn-a");
        assertThat(list(Http.json(http, "/connz?sort=bytes_from"), "connections"))
                .extracting(m -> m.get("name")).containsExactly("conn-c", "conn-b", "conn-a");
        assertThat(list(Http.json(http, "/connz?sort=subs"), "connections"))
                .extracting(m -> m.get("name")).first().isEqualTo("conn-b");

        Map<String, Object> page = Http.json(http, "/connz?offset=1&limit=1");
        assertThat(page).containsEntry("num_connections", 1L).containsEntry("total", 3L)
                .containsEntry("offset", 1L).containsEntry("limit", 1L);
        assertThat(list(page, "connections")).extracting(m -> m.get("name")).containsExactly("conn-b");
        assertThat(Http.json(http, "/connz?offset=7")).containsEntry("num_connections", 0L)
                .containsEntry("connections", List.of());

        long cidC = (Long) conns.get(2).get("cid");
        Map<String, Object> one = Http.json(http, "/connz?cid=" + cidC);
        assertThat(one).containsEntry("num_connections", 1L).containsEntry("total", 3L).containsEntry("limit", 1L);
        assertThat(list(one, "connections")).extracting(m -> m.get("name")).containsExactly("conn-c");
    }

    @Test
    @SuppressWarnings("unchecked")
    void connzShowsSubscriptionsWhenAsked() throws Exception {
        raw("{\"verbose\":false,\"name\":\"raw\",\"lang\":\"test\",\"version\":\"1\"}")
                .send("SUB foo.* 1\r\nSUB foo.bar q1 2\r\nUNSUB 2 5\r\nPUB foo.bar 2\r\nhi\r\nPING\r\n")
                .readUntil("PONG\r\n", Duration.ofSeconds(5));

        Map<String, Object> plain = list(Http.json(http, "/connz"), "connections").get(0);
        assertThat(plain).doesNotContainKeys("subscriptions_list", "subscriptions_list_detail");

        Map<String, Object> subs = list(Http.json(http, "/connz?subs=1"), "connections").get(0);
        assertThat(subs).doesNotContainKey("subscriptions_list_detail");
        assertThat((List<Object>) subs.get("subscriptions_list")).containsExactlyInAnyOrder("foo.*", "foo.bar");

        Map<String, Object> detail = list(Http.json(http, "/connz?subs=detail"), "connections").get(0);
        assertThat(detail).doesNotContainKey("subscriptions_list");
        List<Map<String, Object>> details = list(detail, "subscriptions_list_detail");
        long cid = (Long) detail.get("cid");
        assertThat(details).containsExactlyInAnyOrder(
                Map.of("subject", "foo.*", "sid", "1", "msgs", 1L, "cid", cid),
                Map.of("subject", "foo.bar", "qgroup", "q1", "sid", "2", "msgs", 1L, "max", 5L, "cid", cid));
    }

    @Test
    @SuppressWarnings("unchecked")
    void connzKeepsClosedConnectionsWithReasonAndSubscriptions() throws Exception {
        Connection open = jnats("stays");
        open.flush(Duration.ofSeconds(5));
        RawClient leaving = raw("{\"verbose\":false,\"name\":\"leaver\"}");
        leaving.send("SUB gone.> 7\r\nPING\r\n").readUntil("PONG\r\n", Duration.ofSeconds(5));
        leaving.close();

        await().atMost(Duration.ofSeconds(5)).until(() ->
                (Long) Http.json(http, "/connz?state=closed").get("total") == 1L);
        Map<String, Object> closed = Http.json(http, "/connz?state=closed&subs=detail");
        Map<String, Object> c = list(closed, "connections").get(0);
        assertThat(c).containsEntry("name", "leaver").containsEntry("reason", "Client Closed")
                .containsEntry("subscriptions", 1L);
        assertThat(c.keySet()).containsSubsequence("last_activity", "stop", "reason", "rtt");
        assertThat((String) c.get("stop")).matches(RFC3339);
        assertThat(list(c, "subscriptions_list_detail")).containsExactly(
                Map.of("account", "$G", "subject", "gone.>", "sid", "7", "msgs", 0L, "cid", c.get("cid")));
        assertThat((List<Object>) list(Http.json(http, "/connz?state=closed&subs=1"), "connections").get(0)
                .get("subscriptions_list")).containsExactly("gone.>");

        Map<String, Object> both = Http.json(http, "/connz?state=all");
        assertThat(both).containsEntry("total", 2L).containsEntry("num_connections", 2L);
        assertThat(list(both, "connections")).extracting(m -> m.get("name")).containsExactly("stays", "leaver");
        assertThat(Http.json(http, "/connz?state=open")).containsEntry("total", 1L);
        assertThat(list(Http.json(http, "/connz?state=closed&sort=stop"), "connections")).hasSize(1);

        Http.Response badSort = Http.get(http, "/connz?sort=stop");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.body()).isEqualTo("sort by stop only valid on closed connections");
    }

    @Test
    void connzRefusesMalformedQueriesWithNatsServerMessages() {
        assertThat(Http.get(http, "/connz?sort=bogus").body()).isEqualTo("invalid sorting option: bogus");
        Http.Response limit = Http.get(http, "/connz?limit=abc");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(limit.body())
                .isEqualTo("Error decoding int for 'limit': strconv.Atoi: parsing \"abc\": invalid syntax");
        assertThat(Http.get(http, "/connz?state=xx").body()).isEqualTo("Error decoding state for xx");
        assertThat(Http.get(http, "/connz?cid=-1").body())
                .isEqualTo("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertThat(Http.get(http, "/connz?subs=maybe").body()).isEqualTo(
                "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"maybe\": invalid syntax");
        // as in nats-server, only the bad sort got past the query decoding to be counted
        assertThat(Http.json(http, "/varz").get("http_req_stats")).isEqualTo(Map.of("/connz", 1L, "/varz", 1L));
    }

    @Test
    void subszShowsStatsAndPagedFilteredSubscriptions() throws Exception {
        RawClient c = raw("{\"verbose\":false}");
        c.send("SUB foo.* 1\r\nSUB foo.bar q1 2\r\nSUB other 3\r\nUNSUB 3 9\r\nPUB foo.bar 0\r\n\r\nPING\r\n")
                .readUntil("PONG\r\n", Duration.ofSeconds(5));

        Map<String, Object> bare = Http.json(http, "/subsz");
        assertThat(bare.keySet()).containsExactly("num_subscriptions", "num_cache", "num_inserts", "num_removes",
                "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout");
        assertThat(bare).containsEntry("num_subscriptions", 3L).containsEntry("num_inserts", 3L)
                .containsEntry("num_removes", 0L).containsEntry("num_matches", 1L)
                .containsEntry("num_cache", 1L).containsEntry("max_fanout", 2L);

        Map<String, Object> full = Http.json(http, "/subsz?subs=1");
        assertThat(full.keySet()).containsExactly("server_id", "now", "num_subscriptions", "num_cache",
                "num_inserts", "num_removes", "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout", "total",
                "offset", "limit", "subscriptions_list");
        assertThat(full).containsEntry("total", 3L).containsEntry("offset", 0L).containsEntry("limit", 1024L);
        long cid = (Long) list(Http.json(http, "/connz"), "connections").get(0).get("cid");
        assertThat(list(full, "subscriptions_list")).containsExactly(
                Map.of("account", "$G", "subject", "foo.*", "sid", "1", "msgs", 1L, "cid", cid),
                Map.of("account", "$G", "subject", "foo.bar", "qgroup", "q1", "sid", "2", "msgs", 1L, "cid", cid),
                Map.of("account", "$G", "subject", "other", "sid", "3", "msgs", 0L, "max", 9L, "cid", cid));

        Map<String, Object> tested = Http.json(http, "/subsz?subs=1&test=foo.bar");
        assertThat(list(tested, "subscriptions_list")).extracting(m -> m.get("subject"))
                .containsExactly("foo.*", "foo.bar");
        Map<String, Object> paged = Http.json(http, "/subsz?subs=1&test=foo.bar&offset=1&limit=1");
        // nats-server 2.9 reports the page's size as total
        assertThat(paged).containsEntry("total", 1L).containsEntry("offset", 1L).containsEntry("limit", 1L);
        assertThat(list(paged, "subscriptions_list")).extracting(m -> m.get("subject")).containsExactly("foo.bar");

        // nothing listed: only the counters, as nats-server does
        assertThat(Http.json(http, "/subsz?subs=1&test=nothing.here").keySet()).isEqualTo(bare.keySet());
        Http.Response wildcard = Http.get(http, "/subsz?subs=1&test=foo.*");
        assertThat(wildcard.status()).isEqualTo(400);
        assertThat(wildcard.body()).isEqualTo("invalid test subject, must be valid publish subject: foo.*");

        assertThat(Http.json(http, "/subscriptionsz?subs=1")).containsEntry("total", 3L);
        assertThat(((Map<?, ?>) Http.json(http, "/varz").get("http_req_stats")).get("/subsz")).isEqualTo(7L);
    }

    @Test
    void routezHasNoRoutesYet() {
        Map<String, Object> r = Http.json(http, "/routez?subs=1");
        assertThat(r.keySet()).containsExactly("server_id", "now", "num_routes", "routes");
        assertThat(r).containsEntry("server_id", server.serverId()).containsEntry("num_routes", 0L)
                .containsEntry("routes", List.of());
        assertThat((String) r.get("now")).matches(RFC3339);
    }

    @Test
    void healthzIsCompactOk() {
        Http.Response ok = Http.get(http, "/healthz");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).isEqualTo("application/json");
        assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(ok.raw().headers().firstValue("Date")).hasValueSatisfying(d ->
                assertThat(d).matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"));
        assertThat(Http.get(http, "/healthz?callback=f").body()).isEqualTo("f({\"status\":\"ok\"})");
    }

    @Test
    void unknownPathsAre404OtherMethods405AndRootIsAnIndex() {
        for (String path : List.of("/nope", "/varz/", "/gatewayz", "/VARZ")) {
            Http.Response r = Http.get(http, path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).isEqualTo("404 page not found\n");
        }
        Http.Response post = Http.send(http, "POST", "/varz");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.raw().headers().firstValue("Allow")).contains("GET, HEAD");
        Http.Response head = Http.send(http, "HEAD", "/healthz");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        Http.Response root = Http.get(http, "/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).startsWith("text/html");
        assertThat(root.body()).contains("href=\"./varz\"", "href=\"./connz\"", "href=\"./subsz\"",
                "href=\"./routez\"", "href=\"./healthz\"");
    }
}
