package io.natsboot.server.client;

import io.natsboot.server.delivery.Subscription;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Permissions bite, over real sockets with jnats and raw bytes. Until authentication is merged the permissions are
 * given through the seam: right after a client connects, its server-side connection is authorized on its event loop.
 * The expected bytes and log lines are what nats-server 2.9.10 sent for the same permissions in a config file.
 */
class PermissionEnforcementTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** nats-server takes a CONNECT without them as verbose and pedantic. */
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";
    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\":(\\d+)");

    private NatsServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<String> errorLog = new CopyOnWriteArrayList<>();
    private final Logger connectionLogger = Logger.getLogger(ClientConnection.class.getName());
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                errorLog.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        server = TestServers.start();
        connectionLogger.addHandler(logCapture);
    }

    @AfterEach
    void stop() throws Exception {
        connectionLogger.removeHandler(logCapture);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        server.close();
    }

    // --- the seam: permissions for a connected client, as authentication will give them ---

    private void authorize(long cid, Permissions permissions) throws Exception {
        ClientConnection conn = await().atMost(WAIT).until(
                () -> server.clients().stream().filter(c -> c.cid() == cid).findFirst().orElse(null),
                c -> c != null);
        conn.channel().eventLoop().submit(() -> conn.authorize(permissions)).get(10, TimeUnit.SECONDS);
    }

    private RawClient raw(String connect, Permissions permissions) throws Exception {
        RawClient raw = RawClient.connect(server.port());
        closeables.add(raw);
        raw.send("CONNECT " + connect + "\r\n");
        raw.sync();
        raw.clear();
        if (permissions != null) {
            Matcher m = CLIENT_ID.matcher(raw.info());
            assertThat(m.find()).isTrue();
            authorize(Long.parseLong(m.group(1)), permissions);
        }
        return raw;
    }

    private Connection jnats(Permissions permissions, BlockingQueue<String> errors) throws Exception {
        Options.Builder b = new Options.Builder().server(server.clientUrl()).connectionTimeout(WAIT);
        if (errors != null) {
            b.errorListener(new ErrorListener() {
                @Override
                public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                }
            });
        }
        Connection nc = Nats.connect(b.build());
        closeables.add(nc);
        if (permissions != null) {
            authorize(nc.getServerInfo().getClientId(), permissions);
        }
        return nc;
    }

    private static Permissions.SubjectPermission lists(List<String> allow, List<String> deny) {
        Permissions.SubjectPermission p = new Permissions.SubjectPermission();
        p.getAllow().addAll(allow);
        p.getDeny().addAll(deny);
        return p;
    }

    private static String err(String text) {
        return "-ERR '" + text + "'\r\n";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- publish ---

    @Test
    void aDeniedPublishIsDroppedWithAnErrAndTheConnectionStays() throws Exception {
        RawClient watcher = raw(QUIET, null);
        watcher.send("SUB > 1\r\n");
        watcher.sync();
        watcher.clear();
        Permissions p = new Permissions().setPublish(lists(List.of("foo.>", "req"), List.of("foo.secret")));
        RawClient pub = raw("{\"verbose\":true,\"pedantic\":false,\"headers\":true}", p);

        pub.send("PUB foo.x 2\r\nhi\r\n"
                + "PUB foo.secret 2\r\nhi\r\n"
                + "PUB bar 2\r\nhi\r\n"
                + "HPUB bar 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
                + "PUB foo.* 0\r\n\r\n"
                + "PUB foo..x 0\r\n\r\n"
                + "PUB req 0\r\n\r\n");
        assertThat(pub.sync()).isEqualTo("+OK\r\n"
                + err("Permissions Violation for Publish to \"foo.secret\"")
                + err("Permissions Violation for Publish to \"bar\"")
                + err("Permissions Violation for Publish to \"bar\"")
                + "+OK\r\n"
                + err("Permissions Violation for Publish to \"foo..x\"")
                + "+OK\r\n"
                + "PONG\r\n");
        assertThat(pub.isClosed()).isFalse();
        assertThat(watcher.sync()).isEqualTo("MSG foo.x 1 2\r\nhi\r\nMSG foo.* 1 0\r\n\r\nMSG req 1 0\r\n\r\nPONG\r\n");
        assertThat(errorLog).anyMatch(line -> line.matches(
                "127\\.0\\.0\\.1:\\d+ - cid:\\d+ - Publish Violation - User \"N/A\", Subject \"foo\\.secret\""));
        // denied publishes still count as received, as nats-server's in_msgs shows
        assertThat(server.stats().inMsgs.sum()).isEqualTo(7);
    }

    @Test
    void theLogNamesTheUserFromConnect() throws Exception {
        RawClient pub = raw("{\"verbose\":false,\"pedantic\":false,\"user\":\"a\",\"pass\":\"b\"}",
                new Permissions().setPublish(lists(List.of(), List.of("bar"))));
        pub.send("PUB bar 0\r\n\r\n");
        assertThat(pub.sync()).isEqualTo(err("Permissions Violation for Publish to \"bar\"") + "PONG\r\n");
        assertThat(errorLog).anyMatch(line -> line.endsWith(" - Publish Violation - User \"a\", Subject \"bar\""));
    }

    @Test
    void jnatsHearsOfADeniedPublishAndStaysConnected() throws Exception {
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        Connection sub = jnats(null, null);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Dispatcher d = sub.createDispatcher(m -> received.add(m.getSubject()));
        d.subscribe(">");
        sub.flush(WAIT);
        Connection pub = jnats(new Permissions().setPublish(lists(List.of("ok.>"), List.of())), errors);

        pub.publish("denied", utf8("x"));
        pub.publish("ok.1", utf8("y"));
        pub.flush(WAIT);

        assertThat(errors.poll(10, TimeUnit.SECONDS)).contains("Permissions Violation for Publish to \"denied\"");
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("ok.1");
        assertThat(pub.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        pub.publish("ok.2", utf8("z"));
        pub.flush(WAIT);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("ok.2");
        assertThat(received).isEmpty();
    }

    // --- subscribe ---

    @Test
    void aDeniedSubscriptionIsNotCreatedAndTheConnectionStays() throws Exception {
        Permissions p = new Permissions().setSubscribe(lists(List.of(">"), List.of("sec.>", "qq q1", "qw.* q.*")));
        RawClient raw = raw("{\"verbose\":true,\"pedantic\":false}", p);
        raw.send("SUB sec.x 1\r\n"
                + "SUB sec.> 2\r\n"
                + "SUB sec.* q 3\r\n"
                + "SUB qq q1 4\r\n"
                + "SUB qq q2 5\r\n"
                + "SUB qq 6\r\n"
                + "SUB qw.x q.a 7\r\n"
                + "SUB qw.x qb 8\r\n"
                + "SUB x..y 9\r\n"
                + "SUB ok 10\r\n");
        assertThat(raw.sync()).isEqualTo(err("Permissions Violation for Subscription to \"sec.x\"")
                + err("Permissions Violation for Subscription to \"sec.>\"")
                + err("Permissions Violation for Subscription to \"sec.*\" using queue \"q\"")
                + err("Permissions Violation for Subscription to \"qq\" using queue \"q1\"")
                + "+OK\r\n"
                + "+OK\r\n"
                + err("Permissions Violation for Subscription to \"qw.x\" using queue \"q.a\"")
                + "+OK\r\n"
                + err("Permissions Violation for Subscription to \"x..y\"")
                + "+OK\r\n"
                + "PONG\r\n");
        ClientConnection conn = server.clients().stream()
                .filter(c -> c.permissions() == p).findFirst().orElseThrow();
        assertThat(conn.subscriptions()).extracting(Subscription::sid).containsExactlyInAnyOrder("5", "6", "8", "10");
        assertThat(errorLog).anyMatch(line -> line.endsWith(
                " - Subscription Violation - User \"N/A\", Subject \"sec.*\", Queue: \"q\", SID 3"));
        assertThat(errorLog).anyMatch(line -> line.endsWith(
                " - Subscription Violation - User \"N/A\", Subject \"sec.x\", SID 1"));
    }

    @Test
    void jnatsHearsOfADeniedSubscriptionAndGetsNothingOnIt() throws Exception {
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        Connection nc = jnats(new Permissions().setSubscribe(lists(List.of("allowed.>"), List.of())), errors);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Dispatcher d = nc.createDispatcher(m -> received.add(m.getSubject()));
        d.subscribe("secret");
        d.subscribe("allowed.x");
        nc.flush(WAIT);
        assertThat(errors.poll(10, TimeUnit.SECONDS)).contains("Permissions Violation for Subscription to \"secret\"");

        Connection pub = jnats(null, null);
        pub.publish("secret", utf8("1"));
        pub.publish("allowed.x", utf8("2"));
        pub.flush(WAIT);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("allowed.x");
        assertThat(received).isEmpty();
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void aWildcardSubscriptionOverlappingTheDenyListDoesNotReceiveTheDeniedSubjects() throws Exception {
        Connection restricted = jnats(new Permissions().setSubscribe(lists(List.of(), List.of("sec.>", "qq q1"))),
                null);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Dispatcher d = restricted.createDispatcher(m -> received.add(m.getSubject()));
        d.subscribe(">");
        restricted.flush(WAIT);

        Connection pub = jnats(null, null);
        for (String subject : List.of("sec.x", "qq", "sec.y.z", "foo", "done")) {
            pub.publish(subject, utf8(subject));
        }
        pub.flush(WAIT);
        List<String> got = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            received.drainTo(got);
            return got.contains("done");
        });
        assertThat(got).containsExactly("qq", "foo", "done");
    }

    @Test
    void unrestrictedDeliveryIsUnchangedForALiteralSubscription() throws Exception {
        // a deny list alone does not filter until a wildcard subscription could overlap it
        RawClient raw = raw(QUIET, new Permissions().setSubscribe(lists(List.of(), List.of("sec.>"))));
        raw.send("SUB foo.* 1\r\n");
        raw.sync();
        raw.clear();
        RawClient pub = raw(QUIET, null);
        pub.send("PUB foo.x 1\r\n1\r\n");
        pub.sync();
        assertThat(raw.readUntil("1\r\n", WAIT)).isEqualTo("MSG foo.x 1 1\r\n1\r\n");
    }

    // --- allow_responses ---

    @Test
    void aResponderWithPublishDeniedMayAnswerEachRequestOnce() throws Exception {
        Permissions responder = new Permissions()
                .setSubscribe(lists(List.of("svc"), List.of()))
                .setResponse(new Permissions.ResponsePermission());
        RawClient raw = raw(QUIET, responder);
        raw.send("SUB svc 1\r\n");
        raw.sync();
        raw.clear();
        Connection requester = jnats(null, null);
        CompletableFuture<Message> reply = requester.request("svc", utf8("q"));

        String msg = raw.readUntil("\r\nq\r\n", WAIT);
        Matcher m = Pattern.compile("MSG svc 1 (\\S+) 1\r\nq\r\n").matcher(msg);
        assertThat(m.matches()).as(msg).isTrue();
        String inbox = m.group(1);
        raw.clear();

        raw.send("PUB anything 0\r\n\r\n"
                + "PUB " + inbox + " 1\r\na\r\n"
                + "PUB " + inbox + " 1\r\nb\r\n");
        assertThat(raw.sync()).isEqualTo(err("Permissions Violation for Publish to \"anything\"")
                + err("Permissions Violation for Publish to \"" + inbox + "\"")
                + "PONG\r\n");
        assertThat(new String(reply.get(10, TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(raw.isClosed()).isFalse();
    }

    @Test
    void jnatsRequestReplyThroughAResponderThatMayOnlyRespond() throws Exception {
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        Permissions responder = new Permissions().setResponse(
                new Permissions.ResponsePermission().setMaxMsgs(2).setExpires(Duration.ofMinutes(1)));
        Connection service = jnats(responder, errors);
        Dispatcher d = service.createDispatcher(m -> {
            for (int i = 0; i < 3; i++) {
                service.publish(m.getReplyTo(), utf8("r" + i));
            }
        });
        d.subscribe("svc");
        service.flush(WAIT);

        Connection client = jnats(null, null);
        io.nats.client.Subscription inbox = client.subscribe("replies.>");
        client.flush(WAIT);
        // distinct reply subjects: a second request on the same one would re-open it with a fresh count
        for (int n = 0; n < 3; n++) {
            client.publish("svc", "replies." + n, utf8("q"));
        }
        client.flush(WAIT);
        // two replies per request get through, the third is refused each time
        for (int i = 0; i < 6; i++) {
            assertThat(inbox.nextMessage(WAIT)).as("reply %d", i).isNotNull();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(errors.poll(10, TimeUnit.SECONDS)).contains("Permissions Violation for Publish to \"replies.");
        }
        assertThat(inbox.nextMessage(Duration.ofMillis(300))).isNull();
        assertThat(service.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void withoutPermissionsNothingIsChecked() throws Exception {
        RawClient raw = raw(QUIET, new Permissions());
        ClientConnection conn = server.clients().stream().filter(c -> c.permissions() != null).findFirst()
                .orElseThrow();
        assertThat(conn.permissionGuard()).isNull();
        raw.send("SUB > 1\r\nPUB anything 1\r\nx\r\n");
        assertThat(raw.sync()).isEqualTo("MSG anything 1 1\r\nx\r\nPONG\r\n");
    }
}
