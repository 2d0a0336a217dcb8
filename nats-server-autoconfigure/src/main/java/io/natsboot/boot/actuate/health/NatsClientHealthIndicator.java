package io.natsboot.boot.actuate.health;

import io.nats.client.Connection;
import io.natsboot.boot.client.NatsClientTransport;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the application's NATS connection: UP while connected.
 *
 * @since 0.1.0
 */
public class NatsClientHealthIndicator extends AbstractHealthIndicator {

    private final Connection connection;

    public NatsClientHealthIndicator(Connection connection) {
        super("NATS client health check failed");
        this.connection = connection;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Connection.Status status = this.connection.getStatus();
        if (status == Connection.Status.CONNECTED) {
            builder.up();
            String url = this.connection.getConnectedUrl();
            if (url != null) {
                builder.withDetail("url", url);
            }
        }
        else {
            builder.down();
        }
        builder.withDetail("status", String.valueOf(status));
        builder.withDetail("transport", NatsClientTransport.of(this.connection));
    }

}
