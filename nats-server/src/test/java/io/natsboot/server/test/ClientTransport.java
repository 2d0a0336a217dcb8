package io.natsboot.server.test;

import io.nats.client.Options;
import io.nats.client.impl.NatsbootInProcessDataPort;
import io.natsboot.server.NatsServer;

/**
 * How a jnats test client reaches its server: over a loopback socket or through the in-process listener. Tests that
 * must hold on both take it as a parameter ({@code @ParameterizedClass @EnumSource(ClientTransport.class)}).
 */
public enum ClientTransport {
    TCP {
        @Override
        public Options.Builder options(Options.Builder builder, NatsServer server) {
            return builder.server(server.clientUrl());
        }
    },
    IN_PROCESS {
        @Override
        public Options.Builder options(Options.Builder builder, NatsServer server) {
            return NatsbootInProcessDataPort.configure(builder, server.inProcessUrl());
        }
    };

    /** {@code builder} pointed at {@code server} over this transport. */
    public abstract Options.Builder options(Options.Builder builder, NatsServer server);

    public Options.Builder options(NatsServer server) {
        return options(new Options.Builder(), server);
    }
}
