package io.natsboot.server.protocol.route;

import io.natsboot.server.json.JsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route INFO and CONNECT JSON: real nats-server 2.9.10 documents read and written back identically; ours built. */
class RouteJsonTest {

    /** 2.9.10 handshake INFO of the accepting side (no cluster auth). */
    private static final String INFO_A = "{\"server_id\":\"NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\","
            + "\"server_name\":\"A\",\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\","
            + "\"port\":44248,\"headers\":true,\"max_payload\":1048576,\"nonce\":\"VCIe8cR9ggDOczI\","
            + "\"cluster\":\"demo\",\"connect_urls\":[\"192.0.2.2:44222\",\"[fd00::2]:44222\"],\"lnoc\":true}";
    /** 2.9.10 handshake INFO with cluster authorization and {@code cluster.advertise} (hence {@code ip}). */
    private static final String INFO_AUTH_ADVERTISE = "{\"server_id\":"
            + "\"NCBKUJHRCRW5GVDCFGVO7T6SWRUPUHSG2ZGA3GMB25R4JV75NSUBEWAL\",\"server_name\":\"B\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":44249,"
            + "\"headers\":true,\"auth_required\":true,\"max_payload\":1048576,"
            + "\"ip\":\"nats-route://127.0.0.1:44249/\",\"nonce\":\"1h3mqjkPmmx5uRQ\",\"cluster\":\"demo\","
            + "\"connect_urls\":[\"192.0.2.2:44223\",\"[fd00::2]:44223\"],\"lnoc\":true}";
    /** 2.9.10 gossip INFO about a third server: {@code ip} set, no nonce. */
    private static final String INFO_GOSSIP = "{\"server_id\":"
            + "\"NB7LED6RETEB5TRLIXGCRW2LYD53RPEEOOBYYL4NBO5LOI6UQYVMOIE5\",\"server_name\":\"C\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":44251,"
            + "\"headers\":true,\"auth_required\":true,\"max_payload\":1048576,"
            + "\"ip\":\"nats-route://127.0.0.1:44251/\",\"cluster\":\"demo\","
            + "\"connect_urls\":[\"192.0.2.2:44224\",\"[fd00::2]:44224\"],\"lnoc\":true}";
    /** A lame duck INFO as in protocol.md §4.7 ({@code ldm} between connect_urls and lnoc). */
    private static final String INFO_LDM = "{\"server_id\":\"NB2Y\",\"server_name\":\"B\",\"version\":\"2.9.10\","
            + "\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":34249,\"headers\":true,"
            + "\"max_payload\":1048576,\"cluster\":\"demo\",\"connect_urls\":[\"127.0.0.1:34223\"],\"ldm\":true,"
            + "\"lnoc\":true}";
    /** Every field this type knows, set, in nats-server's order. */
    private static final String INFO_ALL = "{\"server_id\":\"N1\",\"server_name\":\"n\",\"version\":\"2.9.10\","
            + "\"proto\":2,\"git_commit\":\"abc\",\"go\":\"go1.19.8\",\"host\":\"h\",\"port\":1,\"headers\":true,"
            + "\"auth_required\":true,\"tls_required\":true,\"tls_verify\":true,\"tls_available\":true,"
            + "\"max_payload\":2,\"jetstream\":true,\"ip\":\"nats-route://h:1/\",\"nonce\":\"x\",\"cluster\":\"c\","
            + "\"cluster_dynamic\":true,\"domain\":\"d\",\"connect_urls\":[\"h:4222\"],"
            + "\"ws_connect_urls\":[\"h:8080\"],\"ldm\":true,\"import\":{\"allow\":[\"a\",\"b\"],\"deny\":[\"c\"]},"
            + "\"export\":{\"deny\":[\"\\u003e\"]},\"lnoc\":true,\"gateway_url\":\"h:7222\","
            + "\"leafnode_urls\":[\"h:7422\"]}";

    /** 2.9.10 route CONNECTs: without and with the route URL's credentials. */
    private static final String CONNECT_B = "{\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,"
            + "\"name\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\","
            + "\"cluster\":\"demo\",\"lnoc\":true}";
    private static final String CONNECT_AUTH = "{\"echo\":true,\"verbose\":false,\"pedantic\":false,\"user\":\"ru\","
            + "\"pass\":\"p w\",\"tls_required\":false,\"headers\":true,"
            + "\"name\":\"NCBKUJHRCRW5GVDCFGVO7T6SWRUPUHSG2ZGA3GMB25R4JV75NSUBEWAL\",\"cluster\":\"demo\","
            + "\"lnoc\":true}";

    @ParameterizedTest
    @ValueSource(strings = {INFO_A, INFO_AUTH_ADVERTISE, INFO_GOSSIP, INFO_LDM, INFO_ALL})
    void infoIsWrittenBackIdentically(String json) {
        assertThat(RouteServerInfo.parse(json).toJson()).isEqualTo(json);
    }

    @Test
    void realInfoFields() {
        RouteServerInfo a = RouteServerInfo.parse(INFO_A);
        assertThat(a.serverId()).isEqualTo("NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT");
        assertThat(a.serverName()).isEqualTo("A");
        assertThat(a.version()).isEqualTo("2.9.10");
        assertThat(a.proto()).isEqualTo(2);
        assertThat(a.goVersion()).isEqualTo("go1.19.8");
        assertThat(a.host()).isEqualTo("127.0.0.1");
        assertThat(a.port()).isEqualTo(44248);
        assertThat(a.headers()).isTrue();
        assertThat(a.maxPayload()).isEqualTo(1048576);
        assertThat(a.nonce()).isEqualTo("VCIe8cR9ggDOczI");
        assertThat(a.cluster()).isEqualTo("demo");
        assertThat(a.connectUrls()).containsExactly("192.0.2.2:44222", "[fd00::2]:44222");
        assertThat(a.lnoc()).isTrue();
        assertThat(a.authRequired()).isFalse();
        assertThat(a.ip()).isNull();
        assertThat(a.lameDuckMode()).isFalse();
        assertThat(a.importPermission()).isNull();
        assertThat(a.wsConnectUrls()).isEmpty();
        assertThat(a.leafnodeUrls()).isEmpty();

        RouteServerInfo b = RouteServerInfo.parse(INFO_AUTH_ADVERTISE);
        assertThat(b.authRequired()).isTrue();
        assertThat(b.ip()).isEqualTo("nats-route://127.0.0.1:44249/");
        assertThat(RouteServerInfo.parse(INFO_LDM).lameDuckMode()).isTrue();

        RouteServerInfo all = RouteServerInfo.parse(INFO_ALL);
        assertThat(all.importPermission()).isEqualTo(new SubjectPermission(List.of("a", "b"), List.of("c")));
        assertThat(all.exportPermission()).isEqualTo(new SubjectPermission(List.of(), List.of(">")));
    }

    /** A 2.10/2.11 peer sends more fields (pooling, compression...): they are ignored. */
    @Test
    void unknownFieldsAreIgnored() {
        String json = "{\"server_id\":\"N1\",\"server_name\":\"n\",\"version\":\"2.10.4\",\"proto\":2,\"go\":\"g\","
                + "\"host\":\"h\",\"port\":1,\"headers\":true,\"max_payload\":1048576,"
                + "\"client_id\":7,\"xkey\":\"X\",\"cluster\":\"c\",\"route_pool_size\":3,\"route_pool_idx\":0,"
                + "\"compression\":\"s2_auto\",\"gossip_mode\":0,\"nested\":{\"a\":[1,{\"b\":null}]},"
                + "\"connect_urls\":[\"h:4222\"]}";
        RouteServerInfo info = RouteServerInfo.parse(json);
        assertThat(info.toJson()).isEqualTo("{\"server_id\":\"N1\",\"server_name\":\"n\",\"version\":\"2.10.4\","
                + "\"proto\":2,\"go\":\"g\",\"host\":\"h\",\"port\":1,\"headers\":true,\"max_payload\":1048576,"
                + "\"cluster\":\"c\",\"connect_urls\":[\"h:4222\"]}");
    }

    @Test
    void emptyInfoGivesZeroValues() {
        RouteServerInfo info = RouteServerInfo.parse(" {} ");
        assertThat(info.serverId()).isNull();
        assertThat(info.proto()).isZero();
        assertThat(info.port()).isZero();
        assertThat(info.connectUrls()).isEmpty();
        assertThat(info.toJson()).isEqualTo("{\"server_id\":\"\",\"server_name\":\"\",\"version\":\"\",\"proto\":0,"
                + "\"host\":\"\",\"port\":0,\"headers\":false,\"max_payload\":0}");
        assertThat(RouteServerInfo.parse("{\"server_id\":null,\"connect_urls\":null}").connectUrls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"port\":\"1\"}", "{\"port\":1.5}", "{\"port\":4294967296}",
            "{\"headers\":1}", "{\"server_id\":1}", "{\"connect_urls\":\"h:1\"}", "{\"connect_urls\":[1]}",
            "{\"import\":[]}", "{\"import\":{\"allow\":\"a\"}}", "{} x"})
    void badInfoIsRefused(String json) {
        assertThatThrownBy(() -> RouteServerInfo.parse(json)).isInstanceOf(JsonException.class);
    }

    /** What a natsboot node sends: proto 2, headers, no go, no lnoc. */
    @Test
    void ourInfo() {
        RouteServerInfo info = RouteServerInfo.builder()
                .serverId("NABC")
                .serverName("n1")
                .host("127.0.0.1")
                .port(6222)
                .cluster("demo")
                .connectUrls(List.of("127.0.0.1:4222"))
                .build();
        assertThat(info.toJson()).isEqualTo("{\"server_id\":\"NABC\",\"server_name\":\"n1\",\"version\":\"2.9.10\","
                + "\"proto\":2,\"host\":\"127.0.0.1\",\"port\":6222,\"headers\":true,\"max_payload\":1048576,"
                + "\"cluster\":\"demo\",\"connect_urls\":[\"127.0.0.1:4222\"]}");
        assertThat(new String(RouteProtocolEncoder.info(info.toJson()), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("INFO {\"server_id\":\"NABC\",").endsWith("]}\r\n");

        RouteServerInfo full = info.toBuilder()
                .authRequired(true)
                .tlsRequired(true)
                .maxPayload(8 * 1024 * 1024)
                .ip("nats-route://10.0.0.1:6222/")
                .nonce("n0nce")
                .clusterDynamic(true)
                .lameDuckMode(true)
                .build();
        assertThat(full.toJson()).isEqualTo("{\"server_id\":\"NABC\",\"server_name\":\"n1\",\"version\":\"2.9.10\","
                + "\"proto\":2,\"host\":\"127.0.0.1\",\"port\":6222,\"headers\":true,\"auth_required\":true,"
                + "\"tls_required\":true,\"max_payload\":8388608,\"ip\":\"nats-route://10.0.0.1:6222/\","
                + "\"nonce\":\"n0nce\",\"cluster\":\"demo\",\"cluster_dynamic\":true,"
                + "\"connect_urls\":[\"127.0.0.1:4222\"],\"ldm\":true}");
    }

    /** Gossip: a peer's INFO forwarded with {@code ip} set and the nonce cleared, as nats-server does. */
    @Test
    void gossipForward() {
        RouteServerInfo peer = RouteServerInfo.parse(INFO_AUTH_ADVERTISE.replace(
                "\"ip\":\"nats-route://127.0.0.1:44249/\",", ""));
        String forwarded = peer.toBuilder().ip("nats-route://127.0.0.1:44249/").nonce(null).build().toJson();
        assertThat(forwarded).isEqualTo(INFO_AUTH_ADVERTISE.replace("\"nonce\":\"1h3mqjkPmmx5uRQ\",", ""));
    }

    @Test
    void jsonEscapesAsGo() {
        RouteServerInfo info = RouteServerInfo.builder().serverId("N").serverName("a<b>&\"c\"\u00e9").host("h").build();
        String json = info.toJson();
        assertThat(json).startsWith("{\"server_id\":\"N\",\"server_name\":\"a\\u003cb\\u003e\\u0026\\\"c\\\"\u00e9\",");
        assertThat(RouteServerInfo.parse(json)).isEqualTo(info);
    }

    @ParameterizedTest
    @ValueSource(strings = {CONNECT_B, CONNECT_AUTH})
    void connectIsWrittenBackIdentically(String json) {
        assertThat(RouteConnectInfo.parse(json).toJson()).isEqualTo(json);
    }

    @Test
    void realConnectFields() {
        RouteConnectInfo c = RouteConnectInfo.parse(CONNECT_AUTH);
        assertThat(c.echo()).isTrue();
        assertThat(c.verbose()).isFalse();
        assertThat(c.pedantic()).isFalse();
        assertThat(c.user()).isEqualTo("ru");
        assertThat(c.pass()).isEqualTo("p w");
        assertThat(c.tlsRequired()).isFalse();
        assertThat(c.headers()).isTrue();
        assertThat(c.name()).isEqualTo("NCBKUJHRCRW5GVDCFGVO7T6SWRUPUHSG2ZGA3GMB25R4JV75NSUBEWAL");
        assertThat(c.cluster()).isEqualTo("demo");
        assertThat(c.clusterDynamic()).isFalse();
        assertThat(c.lnoc()).isTrue();
        assertThat(c.gateway()).isNull();
        assertThat(c.lang()).isNull();
    }

    /** What a natsboot node sends: no lang, no lnoc. */
    @Test
    void ourConnect() {
        RouteConnectInfo c = RouteConnectInfo.of("NABC", "demo");
        assertThat(c.toJson()).isEqualTo("{\"echo\":true,\"verbose\":false,\"pedantic\":false,"
                + "\"tls_required\":false,\"headers\":true,\"name\":\"NABC\",\"cluster\":\"demo\"}");
        assertThat(c.withCredentials("ru", "p w").withTlsRequired(true).withClusterDynamic(true).toJson())
                .isEqualTo("{\"echo\":true,\"verbose\":false,\"pedantic\":false,\"user\":\"ru\",\"pass\":\"p w\","
                        + "\"tls_required\":true,\"headers\":true,\"name\":\"NABC\",\"cluster\":\"demo\","
                        + "\"cluster_dynamic\":true}");
        assertThat(new String(RouteProtocolEncoder.connect(c.toJson()), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("CONNECT " + c.toJson() + "\r\n");
    }

    /** A client that dialled the route port: its {@code lang} is read (for the refusal), never written. */
    @Test
    void clientConnectOnTheRoutePort() {
        RouteConnectInfo c = RouteConnectInfo.parse("{\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                + "\"name\":\"\",\"lang\":\"go\",\"version\":\"1.22.1\",\"protocol\":1,\"echo\":true,"
                + "\"headers\":true,\"no_responders\":true}");
        assertThat(c.lang()).isEqualTo("go");
        assertThat(c.toJson()).doesNotContain("lang");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"echo\":\"true\"}", "{\"name\":1}", "{\"lang\":false}"})
    void badConnectIsRefused(String json) {
        assertThatThrownBy(() -> RouteConnectInfo.parse(json)).isInstanceOf(JsonException.class);
    }
}
