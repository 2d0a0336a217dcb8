package io.natsboot.boot.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.natsboot.boot.server.EmbeddedNatsServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Drains and closes the auto-configured connection when the context stops: after the components that use it (which
 * run in later phases), before the embedded server.
 *
 * @since 0.1.0
 */
public class NatsConnectionLifecycle implements SmartLifecycle {

    /**
     * Lifecycle phase of the connection: just after the embedded server's.
     */
    public static final int PHASE = EmbeddedNatsServer.PHASE + 1;

    private static final Log logger = LogFactory.getLog(NatsConnectionLifecycle.class);

    private final Connection connection;

    private final Duration drainTimeout;

    private volatile boolean running;

    /**
     * Creates a lifecycle for one connection.
     * @param connection the connection to drain on stop
     * @param drainTimeout time allowed to drain
     */
    public NatsConnectionLifecycle(Connection connection, Duration drainTimeout) {
        this.connection = connection;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        if (this.connection.getStatus() == Connection.Status.CLOSED) {
            return;
        }
        try {
            if (this.connection.getStatus() == Connection.Status.CONNECTED) {
                this.connection.drain(this.drainTimeout)
                    .get(this.drainTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            logger.warn("Could not drain the NATS connection in " + this.drainTimeout + "; closing it", ex);
        }
        try {
            this.connection.close();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
