package io.natsboot.autoconfigure.health;

import io.natsboot.autoconfigure.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the embedded NATS node: UP while it accepts clients.
 *
 * @since 0.1.0
 */
public class NatsServerHealthIndicator extends AbstractHealthIndicator {

    private final EmbeddedNatsServer server;

    public NatsServerHealthIndicator(EmbeddedNatsServer server) {
        super("NATS server health check failed");
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!this.server.isRunning()) {
            builder.down().withDetail("running", false);
            return;
        }
        NatsServer engine = this.server.getServer();
        builder.up()
            .withDetail("serverId", engine.serverId())
            .withDetail("serverName", engine.serverName())
            .withDetail("port", engine.port())
            .withDetail("connections", engine.clients().size());
    }

}
