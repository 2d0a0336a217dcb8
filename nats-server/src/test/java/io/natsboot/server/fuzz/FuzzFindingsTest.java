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
}
