package io.natsboot.server.conformance;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Permissions side by side with nats-server 2.9.10: the binary gets the users from a config file and authenticates
 * them; natsboot gets the same permissions through the authorize seam (no authentication yet), for the user named
 * in the same CONNECT. Every client's bytes, and the violation log lines, must be the same.
 */
class PermissionsConformanceTest {

    private static final String CONFIG = """
            authorization {
              users = [
                {user: a, password: b, permissions: {
                  publish: {allow: ["foo.>", "req"], deny: ["foo.secret"]},
                  subscribe: {allow: [">"], deny: ["sec.>", "qq q1", "qw.* q.*"]}}}
                {user: r, password: b, permissions: {subscribe: {allow: ["svc", "_INBOX.>"]}, allow_responses: true}}
                {user: s, password: b, permissions: {
                  subscribe: {allow: ["only.* grp", "plain"]},
                  publish: {deny: ["nope"]},
                  allow_responses: {max: 2, expires: "1m"}}}
                {user: n, password: b}
              ]
            }
            """;
    private static final Map<String, Permissions> USERS = Map.of(
            "a", new Permissions()
                    .setPublish(lists(List.of("foo.>", "req"), List.of("foo.secret")))
                    .setSubscribe(lists(List.of(">"), List.of("sec.>", "qq q1", "qw.* q.*"))),
            "r", new Permissions()
                    .setSubscribe(lists(List.of("svc", "_INBOX.>"), List.of()))
                    .setResponse(new Permissions.ResponsePermission()),
            "s", new Permissions()
                    .setSubscribe(lists(List.of("only.* grp", "plain"), List.of()))
                    .setPublish(lists(List.of(), List.of("nope")))
                    .setResponse(new Permissions.ResponsePermission().setMaxMsgs(2).setExpires(Duration.ofMinutes(1))));
    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\":(\\d+)");
    private static final Pattern VIOLATION = Pattern.compile("cid:\\d+ - ((?:Publish|Subscription) Violation - .*)$");

    private static NatsServerProcess official;
    private static NatsServer natsboot;
    private static final List<String> natsbootLog = new CopyOnWriteArrayList<>();
    private static final Logger CONNECTION_LOGGER = Logger.getLogger(ClientConnection.class.getName());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            natsbootLog.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** One op batch sent by a client (connected as {@code user} on first use), then a PING/PONG round trip. */
    record Step(int client, String user, String text) {
    }

    record Scenario(String name, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Step step(int client, String user, String text) {
        return new Step(client, user, text);
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("publish allow and deny", List.of(
                        step(1, "n", "SUB > 1\r\n"),
                        step(0, "a", "PUB foo.x 2\r\nhi\r\nPUB foo.secret 2\r\nhi\r\nPUB bar 2\r\nhi\r\n"
                                + "HPUB bar 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPUB foo.* 0\r\n\r\nPUB foo..x 0\r\n\r\n"
                                + "PUB req 0\r\n\r\n"))),
                new Scenario("subscribe allow, deny and queue entries", List.of(
                        step(0, "a", "SUB sec.x 1\r\nSUB sec.> 2\r\nSUB sec.* q 3\r\nSUB qq q1 4\r\nSUB qq q2 5\r\n"
                                + "SUB qw.x q.a 7\r\nSUB qw.x qb 8\r\nSUB x..y 9\r\nSUB ok 10\r\nSUB sec.x 10\r\n"),
                        step(1, "n", "PUB qw.x 1\r\n1\r\nPUB ok 1\r\n2\r\nPUB qq 1\r\n3\r\n"))),
                new Scenario("subscribe allow with queue entries", List.of(
                        step(0, "s", "SUB only.x grp 1\r\nSUB only.x 2\r\nSUB only.x other 3\r\nSUB plain 4\r\n"
                                + "SUB plain grp 5\r\nSUB only.* grp 6\r\nSUB only.> grp 7\r\n"))),
                new Scenario("deny on delivery to a wildcard subscription", List.of(
                        step(0, "a", "SUB > 10\r\n"),
                        step(1, "n", "PUB sec.x 1\r\n1\r\nPUB qq 1\r\n2\r\nPUB foo 1\r\n3\r\nPUB sec.y.z 1\r\n4\r\n"))),
                new Scenario("a queue member denied on delivery leaves the message to another member", List.of(
                        step(0, "a", "SUB > g 1\r\n"),
                        step(1, "n", "SUB sec.x g 2\r\n"),
                        step(2, "n", "PUB sec.x 1\r\n1\r\nPUB sec.x 1\r\n2\r\nPUB sec.x 1\r\n3\r\n"
                                + "PUB sec.x 1\r\n4\r\nPUB sec.x 1\r\n5\r\nPUB sec.x 1\r\n6\r\n"))),
                new Scenario("_GR_. subjects and the _sys_ queue are refused to everyone", List.of(
                        step(0, "n", "SUB > 1\r\nSUB foo _sys_ 2\r\n"
                                + "PUB _GR_.x 0\r\n\r\nPUB _GR_. 0\r\n\r\nPUB _GR_ 0\r\n\r\nPUB _GR_.a.b 1\r\nx\r\n"))),
                new Scenario("allow_responses without publish permissions", List.of(
                        step(0, "r", "SUB svc 1\r\n"),
                        step(1, "n", "SUB reply.> 9\r\nPUB svc reply.1 1\r\nq\r\nPUB svc reply.2 1\r\nq\r\n"),
                        step(0, "r", "PUB reply.1 1\r\na\r\nPUB reply.1 1\r\nb\r\nPUB reply.2 1\r\nc\r\n"
                                + "PUB reply.3 1\r\nd\r\nPUB anything 0\r\n\r\n"))),
                new Scenario("allow_responses with max 2 and a publish deny list", List.of(
                        step(0, "s", "SUB plain 1\r\nPUB other 0\r\n\r\n"),
                        step(1, "n", "SUB r.> 9\r\nPUB plain r.1 1\r\nq\r\nPUB plain nope 1\r\nq\r\n"),
                        step(0, "s", "PUB r.1 1\r\na\r\nPUB r.1 1\r\nb\r\nPUB r.1 1\r\nc\r\n"
                                + "PUB nope 1\r\nd\r\nPUB nope 1\r\ne\r\nPUB nope 1\r\nf\r\n"))));
    }

    @BeforeAll
    static void start() {
        official = NatsServerProcess.start(CONFIG);
        natsboot = TestServers.start();
        CONNECTION_LOGGER.addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        CONNECTION_LOGGER.removeHandler(CAPTURE);
        if (natsboot != null) {
            natsboot.close();
        }
        if (official != null) {
            official.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void sameBytesAndLogLinesAsNatsServer(Scenario scenario) throws Exception {
        int officialLogBefore = violations(List.of(official.log().split("\n"))).size();
        int natsbootLogBefore = violations(natsbootLog).size();

        Map<Integer, String> expected = play(scenario, official.port(), false);
        Map<Integer, String> actual = play(scenario, natsboot.port(), true);

        assertThat(actual).isEqualTo(expected);
        assertThat(String.join("", expected.values())).containsAnyOf("-ERR", "MSG");
        List<String> ours = violations(natsbootLog);
        List<String> ourNew = ours.subList(natsbootLogBefore, ours.size());
        // the binary's log arrives through a pipe: wait for as many new lines as natsboot wrote
        List<String> theirs = await().atMost(Duration.ofSeconds(10)).until(
                () -> violations(List.of(official.log().split("\n"))),
                l -> l.size() - officialLogBefore >= ourNew.size());
        assertThat(ourNew).isEqualTo(theirs.subList(officialLogBefore, theirs.size()));
    }

    private static Map<Integer, String> play(Scenario scenario, int port, boolean seam) throws Exception {
        Map<Integer, RawClient> clients = new TreeMap<>();
        try {
            for (Step step : scenario.steps()) {
                RawClient c = clients.get(step.client());
                if (c == null) {
                    c = connect(port, step.user(), seam);
                    clients.put(step.client(), c);
                }
                c.send(step.text());
                c.sync();
            }
            // a last round trip on every client, so what others sent it has arrived
            for (RawClient c : clients.values()) {
                c.sync();
            }
            Map<Integer, String> transcripts = new TreeMap<>();
            clients.forEach((i, c) -> transcripts.put(i, c.text().replace("PING\r\n", "")
                    + (c.isClosed() ? "<closed>" : "")));
            return transcripts;
        } finally {
            for (RawClient c : clients.values()) {
                c.close();
            }
        }
    }

    private static RawClient connect(int port, String user, boolean seam) throws Exception {
        RawClient c = RawClient.connect(port);
        c.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"user\":\"" + user
                + "\",\"pass\":\"b\"}\r\n");
        c.sync();
        c.clear();
        Permissions p = USERS.get(user);
        if (seam && p != null) {
            Matcher m = CLIENT_ID.matcher(c.info());
            assertThat(m.find()).isTrue();
            long cid = Long.parseLong(m.group(1));
            ClientConnection conn = await().atMost(Duration.ofSeconds(10)).until(
                    () -> natsboot.clients().stream().filter(x -> x.cid() == cid).findFirst().orElse(null),
                    x -> x != null);
            conn.channel().eventLoop().submit(() -> conn.authorize(p)).get(10, TimeUnit.SECONDS);
        }
        return c;
    }

    private static List<String> violations(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = VIOLATION.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Permissions.SubjectPermission lists(List<String> allow, List<String> deny) {
        Permissions.SubjectPermission p = new Permissions.SubjectPermission();
        p.getAllow().addAll(allow);
        p.getDeny().addAll(deny);
        return p;
    }
}
