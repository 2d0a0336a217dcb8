package io.natsboot.server.test;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

import java.util.function.Consumer;

/** Starts servers for tests: loopback, ephemeral ports. */
public final class TestServers {

    private TestServers() {
    }

    public static NatsServer start() {
        return start(o -> {
        });
    }

    public static NatsServer start(Consumer<ServerOptions> customizer) {
        ServerOptions options = new ServerOptions().setHost("127.0.0.1").setPort(0);
        customizer.accept(options);
        NatsServer server = new NatsServer(options);
        server.start();
        return server;
    }
}
