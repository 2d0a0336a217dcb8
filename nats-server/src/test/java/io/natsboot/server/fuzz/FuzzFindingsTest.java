package io.natsboot.server.fuzz;

import io.natsboot.server.route.RouteConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fuzzers found, as plain tests (the inputs that found them are also replayed from the fuzz inputs, as
 * {@code finding-*}).
 */
class FuzzFindingsTest {

    /**
     * A route INFO without {@code server_id} threw a NullPointerException out of the route's handshake (logged as an
     * unexpected error, then the route was closed). nats-server 2.9.10 registers such a peer under the id "".
     */
    @Test
    void routeInfoWithoutServerIdRegistersUnderTheEmptyId() {
        try (FuzzWorld world = new FuzzWorld()) {
            FuzzWorld.Peer peer = world.route(false);
            peer.write("INFO {\"cluster\":\"fuzz\",\"headers\":true,\"port\":1}\r\nRS+ $G foo\r\nPING\r\n");

            assertThat(world.routeManager().routes()).extracting(r -> r.remote().serverId()).containsExactly("");
            assertThat(world.routeManager().routes()).extracting(RouteConnection::subscriptionCount)
                    .containsExactly(1);
            assertThat(peer.outputString()).startsWith("INFO {").endsWith("\r\nPONG\r\n");
        }
    }

    /**
     * Permission errors pasted the subject and queue between double quotes, so one holding a quote, a backslash, a
     * control byte or bytes that are not UTF-8 got another {@code -ERR} than from nats-server 2.9.10, which quotes
     * them as Go's {@code %q} does (these bytes are what it sent). Found by {@code SecuredClientFuzzTest}: a queue
     * name that was a piece of CONNECT JSON failed the oracle.
     */
    @Test
    void permissionErrorsQuoteSubjectsAsNatsServer() {
        try (FuzzWorld world = new FuzzWorld(SecuredClientFuzzTest::secure)) {
            FuzzWorld.Peer client = world.client();
            client.write("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"b\"}\r\nSUB t\"x 1\r\n"
                    + "SUB s.q {\"a\":\u0001\u00ff 2\r\nPUB q\\ 0\r\n\r\nPING\r\n");

            assertThat(client.outputString()).endsWith(
                    "-ERR 'Permissions Violation for Subscription to \"t\\\"x\"'\r\n"
                    + "-ERR 'Permissions Violation for Subscription to \"s.q\" using queue "
                    + "\"{\\\"a\\\":\\x01\\xff\"'\r\n"
                    + "-ERR 'Permissions Violation for Publish to \"q\\\\\"'\r\n"
                    + "PONG\r\n");
        }
    }
}
