package io.natsboot.server.protocol.route;

import java.util.List;

/**
 * Bytes captured on loopback between two nats-server 2.9.10 processes ("A" accepting, "B" soliciting through a
 * logging proxy; cluster "demo"), one element per TCP read as the proxy saw it. Client activity during the capture:
 * on B {@code SUB foo 1}, {@code SUB foo q1 2}, {@code SUB foo q2 3}, {@code SUB bar workers 4}, {@code SUB bar
 * workers 5}; on A {@code PUB foo 5 hello}, {@code PUB foo my.reply 2 hi}, {@code HPUB foo 22 27 ..}, {@code PUB bar
 * 3 q-1}, {@code HPUB foo r.x 12 14 ..}; on B the five UNSUBs, then {@code SUB bar workers 6}; on A {@code PUB bar 3
 * q-2}, {@code PUB bar rep.ly 3 q-3}; then B shut down.
 */
final class RealTrace2910 {

    private RealTrace2910() {
    }

    /** What B (the soliciting side) sent to A. */
    static final List<String> B_TO_A = List.of(
            "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,\"headers\":true,\"name\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"cluster\":\"demo\",\"lnoc\":true}\r\n"
                + "INFO {\"server_id\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"server_name\":\"B\",\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":44249,\"headers\":true,\"max_payload\":1048576,\"nonce\":\"NkCZhmrosPCSLts\",\"cluster\":\"demo\",\"connect_urls\":[\"192.0.2.2:44223\",\"[fd00::2]:44223\"],\"lnoc\":true} \r\n",
            "RS+ $SYS $SYS.REQ.ACCOUNT.*.INFO\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.PING.STATZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.NSUBS\r\n"
                + "RS+ $SYS $SYS.ACCOUNT.*.CLAIMS.UPDATE\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.ACCOUNTZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.ACCOUNTZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.JSZ\r\n"
                + "RS+ $SYS $SYS._INBOX.b2oh2L6w.*\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.ROUTEZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.SUBSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.CONNZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.VARZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.STATZ\r\n"
                + "RS+ $SYS $SYS.ACCOUNT.*.LEAFNODE.CONNECT\r\n"
                + "RS+ $SYS $SYS.SERVER.*.SHUTDOWN\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.JSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.ROUTEZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.STATSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.CONNS\r\n"
                + "RS+ $SYS $SYS.SERVER.*.STATSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.HEALTHZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.STATSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.SUBSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.CONNZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.LEAFZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.JSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.CONNZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.HEALTHZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.VARZ\r\n"
                + "RS+ $SYS $SYS._INBOX_.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.GATEWAYZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.SUBSZ\r\n"
                + "RS+ $SYS $SYS.LATENCY.M2.b2oh2L6w\r\n"
                + "RS+ $SYS $SYS.SERVER.ACCOUNT.*.CONNS\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.LEAFZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.GATEWAYZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.LEAFZ\r\n",
            "RMSG $SYS $SYS.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.STATSZ 566\r\n"
                + "{\"server\":{\"name\":\"B\",\"host\":\"0.0.0.0\",\"id\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":10,\"jetstream\":false,\"time\":\"2026-11-21T06:45:46.91013927Z\"},\"statsz\":{\"start\":\"2026-11-21T06:45:45.164337533Z\",\"mem\":12001280,\"cores\":2,\"cpu\":0,\"connections\":0,\"total_connections\":0,\"active_accounts\":1,\"subscriptions\":83,\"sent\":{\"msgs\":0,\"bytes\":0},\"received\":{\"msgs\":0,\"bytes\":0},\"slow_consumers\":0,\"routes\":[{\"rid\":4,\"name\":\"A\",\"sent\":{\"msgs\":0,\"bytes\":0},\"received\":{\"msgs\":0,\"bytes\":0},\"pending\":0}],\"active_servers\":2}}\r\n",
            "RMSG $SYS $SYS.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.STATSZ 577\r\n"
                + "{\"server\":{\"name\":\"B\",\"host\":\"0.0.0.0\",\"id\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":11,\"jetstream\":false,\"time\":\"2026-11-21T06:45:46.917684325Z\"},\"statsz\":{\"start\":\"2026-11-21T06:45:45.164337533Z\",\"mem\":12001280,\"cores\":2,\"cpu\":0,\"connections\":0,\"total_connections\":0,\"active_accounts\":1,\"subscriptions\":83,\"sent\":{\"msgs\":1,\"bytes\":566},\"received\":{\"msgs\":2,\"bytes\":1137},\"slow_consumers\":0,\"routes\":[{\"rid\":4,\"name\":\"A\",\"sent\":{\"msgs\":1,\"bytes\":566},\"received\":{\"msgs\":2,\"bytes\":1137},\"pending\":0}],\"active_servers\":2}}\r\n",
            "PING\r\n",
            "PONG\r\n",
            "RMSG $SYS $SYS.SERVER.ACCOUNT.$G.CONNS 464\r\n"
                + "{\"type\":\"io.nats.server.advisory.v1.account_connections\",\"id\":\"DkeBeVP6pKZ4GJGzBIN0Pe\",\"timestamp\":\"2026-11-21T06:45:47.739152392Z\",\"server\":{\"name\":\"B\",\"host\":\"0.0.0.0\",\"id\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":12,\"jetstream\":false,\"time\":\"2026-11-21T06:45:47.739256366Z\"},\"acc\":\"$G\",\"conns\":1,\"leafnodes\":0,\"total_conns\":1,\"sent\":{\"msgs\":0,\"bytes\":0},\"received\":{\"msgs\":0,\"bytes\":0},\"slow_consumers\":0}\r\n",
            "RS+ $G foo\r\n"
                + "RS+ $G foo q1 1\r\n"
                + "RS+ $G foo q2 1\r\n"
                + "RS+ $G bar workers 1\r\n"
                + "RS+ $G bar workers 2\r\n",
            "RMSG $SYS $SYS.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.STATSZ 580\r\n"
                + "{\"server\":{\"name\":\"B\",\"host\":\"0.0.0.0\",\"id\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":14,\"jetstream\":false,\"time\":\"2026-11-21T06:45:48.917878887Z\"},\"statsz\":{\"start\":\"2026-11-21T06:45:45.164337533Z\",\"mem\":12263424,\"cores\":2,\"cpu\":0,\"connections\":1,\"total_connections\":1,\"active_accounts\":2,\"subscriptions\":88,\"sent\":{\"msgs\":16,\"bytes\":1754},\"received\":{\"msgs\":9,\"bytes\":2234},\"slow_consumers\":0,\"routes\":[{\"rid\":4,\"name\":\"A\",\"sent\":{\"msgs\":3,\"bytes\":1607},\"received\":{\"msgs\":9,\"bytes\":2234},\"pending\":0}],\"active_servers\":2}}\r\n",
            "RS- $G foo q1\r\n"
                + "RS+ $G bar workers 1\r\n"
                + "RS- $G bar workers\r\n"
                + "RS- $G foo\r\n"
                + "RS- $G foo q2\r\n",
            "RS+ $G bar workers 1\r\n",
            "RS- $G bar workers\r\n",
            "RMSG $SYS $SYS.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.SHUTDOWN 192\r\n"
                + "{\"name\":\"B\",\"host\":\"0.0.0.0\",\"id\":\"ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":15,\"jetstream\":false,\"time\":\"2026-11-21T06:45:51.652669977Z\"}\r\n");

    /** What A (the accepting side) sent to B. */
    static final List<String> A_TO_B = List.of(
            "INFO {\"server_id\":\"NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\",\"server_name\":\"A\",\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":44248,\"headers\":true,\"max_payload\":1048576,\"nonce\":\"VCIe8cR9ggDOczI\",\"cluster\":\"demo\",\"connect_urls\":[\"192.0.2.2:44222\",\"[fd00::2]:44222\"],\"lnoc\":true} \r\n",
            "RS+ $SYS $SYS.REQ.SERVER.PING\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.VARZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.GATEWAYZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.JSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.NSUBS\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.STATSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.JSZ\r\n"
                + "RS+ $SYS $SYS._INBOX_.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.HEALTHZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.STATSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.VARZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.SUBSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.CONNZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.GATEWAYZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.ACCOUNTZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.CONNS\r\n"
                + "RS+ $SYS $SYS.SERVER.*.STATSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.PING.STATZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.SUBSZ\r\n"
                + "RS+ $SYS $SYS.SERVER.ACCOUNT.*.CONNS\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.CONNZ\r\n"
                + "RS+ $SYS $SYS._INBOX.NUmM6cRx.*\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.INFO\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.STATZ\r\n"
                + "RS+ $SYS $SYS.LATENCY.M2.NUmM6cRx\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.HEALTHZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.CONNZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.LEAFZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.LEAFZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.JSZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE\r\n"
                + "RS+ $SYS $SYS.ACCOUNT.*.CLAIMS.UPDATE\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.SUBSZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.ROUTEZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.ROUTEZ\r\n"
                + "RS+ $SYS $SYS.REQ.SERVER.PING.ACCOUNTZ\r\n"
                + "RS+ $SYS $SYS.REQ.ACCOUNT.*.LEAFZ\r\n"
                + "RS+ $SYS $SYS.ACCOUNT.*.LEAFNODE.CONNECT\r\n"
                + "RS+ $SYS $SYS.SERVER.*.SHUTDOWN\r\n",
            "RMSG $SYS $SYS.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.STATSZ 567\r\n"
                + "{\"server\":{\"name\":\"A\",\"host\":\"0.0.0.0\",\"id\":\"NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":12,\"jetstream\":false,\"time\":\"2026-11-21T06:45:46.909624683Z\"},\"statsz\":{\"start\":\"2026-11-21T06:45:45.157746177Z\",\"mem\":12095488,\"cores\":2,\"cpu\":0,\"connections\":0,\"total_connections\":0,\"active_accounts\":2,\"subscriptions\":83,\"sent\":{\"msgs\":0,\"bytes\":0},\"received\":{\"msgs\":0,\"bytes\":0},\"slow_consumers\":0,\"routes\":[{\"rid\":4,\"name\":\"B\",\"sent\":{\"msgs\":0,\"bytes\":0},\"received\":{\"msgs\":0,\"bytes\":0},\"pending\":0}],\"active_servers\":1}}\r\n",
            "RMSG $SYS $SYS.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.STATSZ 570\r\n"
                + "{\"server\":{\"name\":\"A\",\"host\":\"0.0.0.0\",\"id\":\"NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":13,\"jetstream\":false,\"time\":\"2026-11-21T06:45:46.91037471Z\"},\"statsz\":{\"start\":\"2026-11-21T06:45:45.157746177Z\",\"mem\":12226560,\"cores\":2,\"cpu\":0,\"connections\":0,\"total_connections\":0,\"active_accounts\":2,\"subscriptions\":83,\"sent\":{\"msgs\":1,\"bytes\":567},\"received\":{\"msgs\":0,\"bytes\":0},\"slow_consumers\":0,\"routes\":[{\"rid\":4,\"name\":\"B\",\"sent\":{\"msgs\":1,\"bytes\":567},\"received\":{\"msgs\":0,\"bytes\":0},\"pending\":0}],\"active_servers\":2}}\r\n",
            "PONG\r\n",
            "PING\r\n",
            "RMSG $SYS $SYS.SERVER.ACCOUNT.$G.CONNS 467\r\n"
                + "{\"type\":\"io.nats.server.advisory.v1.account_connections\",\"id\":\"nXtKZor3TLVcDLDZQmY80g\",\"timestamp\":\"2026-11-21T06:45:47.939923865Z\",\"server\":{\"name\":\"A\",\"host\":\"0.0.0.0\",\"id\":\"NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":14,\"jetstream\":false,\"time\":\"2026-11-21T06:45:47.940049191Z\"},\"acc\":\"$G\",\"conns\":1,\"leafnodes\":0,\"total_conns\":1,\"sent\":{\"msgs\":0,\"bytes\":0},\"received\":{\"msgs\":3,\"bytes\":1607},\"slow_consumers\":0}\r\n",
            "RMSG $G foo | q1 q2 5\r\n"
                + "hello\r\n"
                + "RMSG $G foo + my.reply q1 q2 2\r\n"
                + "hi\r\n"
                + "HMSG $G foo | q1 q2 22 27\r\n"
                + "NATS/1.0\r\n"
                + "X-Key: v\r\n"
                + "\r\n"
                + "hello\r\n"
                + "RMSG $G bar | workers 3\r\n"
                + "q-1\r\n"
                + "HMSG $G foo + r.x q1 q2 12 14\r\n"
                + "NATS/1.0\r\n"
                + "\r\n"
                + "hi\r\n",
            "RMSG $SYS $SYS.SERVER.NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT.STATSZ 579\r\n"
                + "{\"server\":{\"name\":\"A\",\"host\":\"0.0.0.0\",\"id\":\"NDYQFC4GJXWGLNCXAEJ3GXML3QKI42JN2PL4RGQFTB7M4HCQSLL2O6QT\",\"cluster\":\"demo\",\"ver\":\"2.9.10\",\"seq\":16,\"jetstream\":false,\"time\":\"2026-11-21T06:45:48.910308683Z\"},\"statsz\":{\"start\":\"2026-11-21T06:45:45.157746177Z\",\"mem\":12226560,\"cores\":2,\"cpu\":0,\"connections\":1,\"total_connections\":1,\"active_accounts\":2,\"subscriptions\":87,\"sent\":{\"msgs\":8,\"bytes\":1655},\"received\":{\"msgs\":8,\"bytes\":1658},\"slow_consumers\":0,\"routes\":[{\"rid\":4,\"name\":\"B\",\"sent\":{\"msgs\":8,\"bytes\":1655},\"received\":{\"msgs\":3,\"bytes\":1607},\"pending\":0}],\"active_servers\":2}}\r\n",
            "RMSG $G bar | workers 3\r\n"
                + "q-2\r\n"
                + "RMSG $G bar + rep.ly workers 3\r\n"
                + "q-3\r\n");
}
