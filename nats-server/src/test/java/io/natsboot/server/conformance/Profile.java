package io.natsboot.server.conformance;

import io.natsboot.server.ServerOptions;

import java.time.Duration;
import java.util.function.Consumer;

/** A server configuration, written once for nats-server (config file) and once for natsboot (options). */
enum Profile {
    DEFAULT("", o -> {
    }),
    SMALL_PAYLOAD("max_payload: 64\n", o -> o.setMaxPayload(64)),
    MAX_SUBSCRIPTIONS("max_subscriptions: 2\n", o -> o.setMaxSubscriptions(2)),
    NO_HEADER_SUPPORT("no_header_support: true\n", o -> o.setNoHeaderSupport(true)),
    /** Used by one conversation only: earlier connections would count against the limit. */
    ONE_CONNECTION("max_connections: 1\n", o -> o.setMaxConnections(1)),
    FAST_PING("ping_interval: \"200ms\"\nping_max: 2\n",
            o -> o.setPingInterval(Duration.ofMillis(200)).setPingMax(2));

    final String natsServerConfig;
    final Consumer<ServerOptions> natsbootOptions;

    Profile(String natsServerConfig, Consumer<ServerOptions> natsbootOptions) {
        this.natsServerConfig = natsServerConfig;
        this.natsbootOptions = natsbootOptions;
    }
}
