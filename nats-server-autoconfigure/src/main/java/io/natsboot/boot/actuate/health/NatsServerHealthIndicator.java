package io.natsboot.boot.actuate.health;

import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.monitor.Varz;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the embedded NATS node: UP while it accepts clients, with its identity and connection count from the
 * engine's {@code /varz} document.
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
        Varz varz = this.server.getServer().monitor().varz();
        builder.up()
            .withDetail("serverId", varz.serverId())
            .withDetail("serverName", varz.serverName())
            .withDetail("port", varz.port())
            .withDetail("connections", varz.connections());
    }

}
