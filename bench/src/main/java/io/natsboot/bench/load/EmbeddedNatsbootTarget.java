package io.natsboot.bench.load;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

/**
 * natsboot inside the load generator's JVM: the fallback when the standalone jar is missing. Less fair than a process
 * of its own, since server and clients then share heap, GC and JIT; the header says so.
 */
final class EmbeddedNatsbootTarget implements Target {

    private final SecuritySetup security;
    private NatsServer server;

    EmbeddedNatsbootTarget(SecuritySetup security) {
        this.security = security;
    }

    @Override
    public String name() {
        return LoadConfig.NATSBOOT;
    }

    @Override
    public String start() {
        NatsServer s = new NatsServer(security.applyTo(new ServerOptions()).setHost("127.0.0.1").setPort(0));
        try {
            s.start();
            server = s;
            return s.clientUrl();
        } catch (RuntimeException | Error e) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // reporting the start failure
            }
            throw new IllegalStateException("in-process NatsServer did not start: " + ScenarioRunner.describe(e), e);
        }
    }

    @Override
    public String description() {
        return "in-process NatsServer (shares this JVM with the clients)";
    }

    @Override
    public void close() {
        NatsServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }
}
