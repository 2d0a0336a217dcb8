package io.natsboot.server.route;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.test.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Permissions hold for messages that arrive over a route: a reply subject received from another node can be answered
 * under {@code allow_responses}, and subscribe deny entries filter what a wildcard subscription receives from peers.
 * Permissions are given through the authorize seam until authentication is merged.
 */
class ClusterPermissionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestCluster cluster = new TestCluster("test");

    @AfterEach
    void tearDown() throws Exception {
        cluster.close();
    }

    private Connection connect(NatsServer server, Permissions permissions, BlockingQueue<String> errors)
            throws Exception {
        Options.Builder b = new Options.Builder().server(server.clientUrl()).connectionTimeout(WAIT);
        if (errors != null) {
            b.errorListener(new ErrorListener() {
                @Override
                public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                }
            });
        }
        Connection c = Nats.connect(b.build());
        cluster.keep(c);
        if (permissions != null) {
            long cid = c.getServerInfo().getClientId();
            ClientConnection conn = await().atMost(WAIT).until(
                    () -> server.clients().stream().filter(x -> x.cid() == cid).findFirst().orElse(null),
                    x -> x != null);
            conn.channel().eventLoop().submit(() -> conn.authorize(permissions)).get(10, TimeUnit.SECONDS);
        }
        return c;
    }

    private List<NatsServer> twoNodes() {
        NatsServer a = cluster.node("a", null);
        NatsServer b = cluster.node("b", a);
        await().atMost(WAIT).until(() -> a.routeManager().routes().size() == 1
                && b.routeManager().routes().size() == 1);
        return List.of(a, b);
    }

    @Test
    void aResponderMayAnswerARequestFromAnotherNodeOnce() throws Exception {
        List<NatsServer> nodes = twoNodes();
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        Permissions onlyResponses = new Permissions().setResponse(new Permissions.ResponsePermission());
        Connection responder = connect(nodes.get(1), onlyResponses, errors);
        Dispatcher d = responder.createDispatcher(m -> {
            responder.publish(m.getReplyTo(), m.getData());
            responder.publish(m.getReplyTo(), m.getData());
        });
        d.subscribe("echo");
        responder.flush(WAIT);

        Connection requester = connect(nodes.get(0), null, null);
        await().atMost(WAIT).until(() -> !nodes.get(0).subjects().match("echo").isEmpty());
        Message reply = requester.request("echo", "hi".getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(errors.poll(10, TimeUnit.SECONDS)).contains("Permissions Violation for Publish to \"_INBOX.");
    }

    @Test
    void deniedSubjectsFromAnotherNodeDoNotReachAWildcardSubscription() throws Exception {
        List<NatsServer> nodes = twoNodes();
        Permissions p = new Permissions();
        p.setSubscribe(new Permissions.SubjectPermission());
        p.getSubscribe().getDeny().add("sec.>");
        Connection restricted = connect(nodes.get(1), p, null);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        restricted.createDispatcher(m -> received.add(m.getSubject())).subscribe("*.x");
        restricted.flush(WAIT);

        Connection pub = connect(nodes.get(0), null, null);
        await().atMost(WAIT).until(() -> !nodes.get(0).subjects().match("foo.x").isEmpty());
        pub.publish("sec.x", new byte[0]);
        pub.publish("foo.x", new byte[0]);
        pub.publish("done.x", new byte[0]);
        pub.flush(WAIT);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("foo.x");
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("done.x");
        assertThat(received).isEmpty();
    }
}
