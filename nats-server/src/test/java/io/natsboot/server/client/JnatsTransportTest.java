package io.natsboot.server.client;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.NatsServer;
import io.natsboot.server.monitor.ConnInfo;
import io.natsboot.server.monitor.Connz;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.test.ClientTransport;
import io.natsboot.server.inprocess.InProcessPipe;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What must hold the same whether jnats reaches the server over a socket or in-process: auth, permissions,
 * max_payload, drain, slow consumers and the reconnect after them, a server restart, and how /connz shows the client.
 */
@ParameterizedClass
@EnumSource(ClientTransport.class)
class JnatsTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Parameter
    ClientTransport transport;

    private Connection connect(NatsServer server, Options.Builder builder) throws Exception {
        return Nats.connect(transport.options(builder, server).build());
    }

    @Test
    void connzShowsTheTransport() throws Exception {
        try (NatsServer server = TestServers.start()) {
            try (Connection nc = connect(server, new Options.Builder().connectionName("app"))) {
                nc.flush(WAIT);
                List<ConnInfo> open = server.monitor().connz(Connz.Options.DEFAULT).connections();
                assertThat(open).singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("app");
                    assertThat(c.ip()).isEqualTo(transport == ClientTransport.IN_PROCESS ? "pipe" : "127.0.0.1");
                    assertThat(c.port() == 0).isEqualTo(transport == ClientTransport.IN_PROCESS);
                });
            }
            await().atMost(WAIT).until(() -> !server.closedClients().isEmpty());
            assertThat(server.closedClients().get(0).reason()).isEqualTo("Client Closed");
        }
    }

    @Test
    void authenticationAcceptsTheRightPasswordOnly() throws Exception {
        try (NatsServer server = TestServers.start(o -> o.getAuthorization().getUsers().add(new AuthUser("app", "s3cret")))) {
            try (Connection nc = connect(server, new Options.Builder().userInfo("app", "s3cret"))) {
                nc.flush(WAIT);
                assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThatThrownBy(() -> connect(server, new Options.Builder().userInfo("app", "wrong").maxReconnects(0)))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void permissionsRefuseAndTheConnectionGoesOn() throws Exception {
        Permissions p = new Permissions().setPublish(new Permissions.SubjectPermission());
        p.getPublish().getAllow().add("ok.>");
        List<String> errors = new CopyOnWriteArrayList<>();
        ErrorListener listener = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
        try (NatsServer server = TestServers.start(o -> o.getAuthorization().getUsers()
                .add(new AuthUser("app", "pw").setPermissions(p)));
             Connection nc = connect(server, new Options.Builder().userInfo("app", "pw").errorListener(listener))) {
            Subscription ok = nc.subscribe("ok.1");
            nc.publish("denied", new byte[1]);
            nc.publish("ok.1", "fine".getBytes(StandardCharsets.UTF_8));
            assertThat(ok.nextMessage(WAIT)).isNotNull();
            await().atMost(WAIT).until(() -> !errors.isEmpty());
            assertThat(errors.get(0)).contains("Permissions Violation for Publish to \"denied\"");
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void maxPayloadIsTheServers() throws Exception {
        try (NatsServer server = TestServers.start(o -> o.setMaxPayload(1024));
             Connection nc = connect(server, new Options.Builder())) {
            assertThat(nc.getMaxPayload()).isEqualTo(1024);
            assertThatThrownBy(() -> nc.publish("big", new byte[1025])).isInstanceOf(IllegalArgumentException.class);
            nc.publish("fits", new byte[1024]);
            nc.flush(WAIT);
        }
    }

    @Test
    void drainDeliversWhatWasInFlightThenCloses() throws Exception {
        int messages = 5_000;
        try (NatsServer server = TestServers.start();
             Connection pub = connect(server, new Options.Builder())) {
            Connection sub = connect(server, new Options.Builder());
            AtomicInteger got = new AtomicInteger();
            Dispatcher d = sub.createDispatcher(m -> got.incrementAndGet());
            d.subscribe("drain.me");
            sub.flush(WAIT);
            for (int i = 0; i < messages; i++) {
                pub.publish("drain.me", new byte[16]);
            }
            pub.flush(WAIT);
            CompletableFuture<Boolean> drained = sub.drain(WAIT);
            assertThat(drained.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(got.get()).isEqualTo(messages);
            assertThat(sub.getStatus()).isEqualTo(Connection.Status.CLOSED);
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsCutAsASlowConsumer() throws Exception {
        try (NatsServer server = TestServers.start(o -> o.setMaxPending(64 * 1024).setMaxPayload(8 * 1024)
                .setWriteDeadline(Duration.ofMillis(500)));
             NeverReads stuck = NeverReads.open(transport, server);
             Connection pub = connect(server, new Options.Builder())) {
            byte[] kib = new byte[1024];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (int i = 0; i < 256; i++) {
                    pub.publish("flood", kib);
                }
                return server.stats().slowConsumers.get() > 0;
            });
            await().atMost(WAIT).until(() -> server.closedClients().stream().map(ConnInfo::reason)
                    .anyMatch(r -> r.startsWith("Slow Consumer")));
            // the publisher is untouched
            assertThat(server.clients()).singleElement()
                    .satisfies(c -> assertThat(c.inProcess()).isEqualTo(transport == ClientTransport.IN_PROCESS));
        }
    }

    /** A subscriber over the transport under test that, once subscribed, never reads again. */
    private interface NeverReads extends AutoCloseable {

        static NeverReads open(ClientTransport transport, NatsServer server) throws Exception {
            byte[] hello = "CONNECT {\"verbose\":false}\r\nSUB flood 1\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] buf = new byte[4096];
            if (transport == ClientTransport.IN_PROCESS) {
                InProcessPipe pipe = InProcessPipe.connect(
                        java.net.URI.create(server.inProcessUrl()).getHost(), TimeUnit.SECONDS.toNanos(5));
                pipe.write(hello, 0, hello.length);
                readUntilPong(() -> pipe.read(buf, 0, buf.length), buf);
                return pipe::close;
            }
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write(hello);
            readUntilPong(() -> socket.getInputStream().read(buf), buf);
            return socket::close;
        }

        private static void readUntilPong(Read read, byte[] buf) throws Exception {
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("PONG\r\n")) {
                int n = read.read();
                if (n < 0) {
                    throw new IllegalStateException("closed before PONG: " + seen);
                }
                seen.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        }

        interface Read {
            int read() throws Exception;
        }
    }

    @Test
    void aRestartedServerIsFoundAgain() throws Exception {
        NatsServer first = TestServers.start(o -> o.setServerName("restarting"));
        int port = first.port();
        AtomicInteger reconnects = new AtomicInteger();
        ConnectionListener events = (conn, type) -> {
            if (type == ConnectionListener.Events.RECONNECTED) {
                reconnects.incrementAndGet();
            }
        };
        try (Connection nc = connect(first, new Options.Builder().connectionListener(events)
                .reconnectWait(Duration.ofMillis(50)).maxReconnects(-1))) {
            first.close();
            await().atMost(WAIT).until(() -> nc.getStatus() != Connection.Status.CONNECTED);
            try (NatsServer second = TestServers.start(o -> o.setServerName("restarting").setPort(port))) {
                await().atMost(WAIT).until(() -> reconnects.get() == 1
                        && nc.getStatus() == Connection.Status.CONNECTED);
                Subscription s = nc.subscribe("back");
                nc.publish("back", new byte[1]);
                Message m = s.nextMessage(WAIT);
                assertThat(m).isNotNull();
                assertThat(second.clients()).singleElement()
                        .satisfies(c -> assertThat(c.inProcess()).isEqualTo(transport == ClientTransport.IN_PROCESS));
            }
        } finally {
            first.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
