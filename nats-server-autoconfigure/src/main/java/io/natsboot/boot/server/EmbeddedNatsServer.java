package io.natsboot.boot.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.ServerStartException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The application's embedded NATS server node as a {@link SmartLifecycle}: started in an early {@link #PHASE} (or
 * sooner, by the first bean that needs its address), stopped after everything that connects to it (the application's
 * own connection has drained by then). A clustered node stops in lame duck mode first, so that its clients move to
 * the other nodes before it goes: the point of a rolling deploy.
 *
 * @since 0.1.0
 */
public class EmbeddedNatsServer implements SmartLifecycle, DisposableBean {

    /**
     * Lifecycle phase of the server: before any component that connects, which use later phases.
     */
    public static final int PHASE = Integer.MIN_VALUE + 1024;

    /** Name of the property source holding the bound ports. */
    static final String PROPERTY_SOURCE_NAME = "nats.server.ports";

    private final ServerOptions options;

    private final @Nullable ConfigurableEnvironment environment;

    private final Object monitor = new Object();

    // what closing the last clients may take beyond the lame duck duration before the node is cut
    private static final Duration LAME_DUCK_MARGIN = Duration.ofSeconds(2);

    private @Nullable NatsServer server;

    /**
     * Creates a node that will run with the given options.
     * @param options the engine options, read when the node starts
     * @param environment where the bound ports are published, or {@code null}
     */
    public EmbeddedNatsServer(ServerOptions options, @Nullable ConfigurableEnvironment environment) {
        this.options = options;
        this.environment = environment;
    }

    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.server != null && this.server.isRunning()) {
                return;
            }
            NatsServer started = new NatsServer(this.options);
            try {
                started.start();
            }
            catch (ServerStartException ex) {
                throw NatsServerStartFailures.translate(ex, this.options);
            }
            this.server = started;
            publishPorts(started);
        }
    }

    @Override
    public void stop() {
        synchronized (this.monitor) {
            NatsServer running = this.server;
            if (running != null) {
                EngineLogForwarding.whileStopping(() -> stopMovingClientsAway(running));
            }
        }
    }

    // lame duck mode ends with the node's own shutdown; should it overrun, the node is cut
    private void stopMovingClientsAway(NatsServer running) {
        Duration lameDuck = this.options.getLameDuckDuration();
        if (running.isRunning() && !lameDuck.isZero() && this.options.getCluster().isConfigured()) {
            running.enterLameDuckMode();
            try {
                running.whenShutdown().get(lameDuck.plus(LAME_DUCK_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (ExecutionException | TimeoutException ex) {
                // shut down below
            }
        }
        running.shutdown();
    }

    /**
     * Stops the node if it still runs: a context whose refresh failed after the node started on demand never calls
     * {@link #stop()}.
     */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        synchronized (this.monitor) {
            return this.server != null && this.server.isRunning();
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * The running engine, started first if it is not yet.
     * @return the started server
     */
    public NatsServer getServer() {
        synchronized (this.monitor) {
            if (this.server == null) {
                start();
            }
            return this.server;
        }
    }

    /**
     * The URL a client in this JVM uses to reach the node, starting it first if needed.
     * @return a {@code nats://} URL
     */
    public String getClientUrl() {
        return getServer().clientUrl();
    }

    /**
     * The URL the application's own connection uses to reach the node without a socket, starting it first if needed.
     * @return a {@code nats://<name>.in-process.invalid} URL, for jnats with {@code NatsbootInProcessDataPort}
     */
    public String getInProcessUrl() {
        return getServer().inProcessUrl();
    }

    /**
     * The options the node runs with.
     * @return the engine options
     */
    public ServerOptions getOptions() {
        return this.options;
    }

    private void publishPorts(NatsServer server) {
        if (this.environment == null) {
            return;
        }
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("local.nats.server.port", server.port());
        if (server.clusterPort() >= 0) {
            ports.put("local.nats.server.cluster-port", server.clusterPort());
        }
        if (server.httpPort() >= 0) {
            ports.put("local.nats.server.monitoring-port", server.httpPort());
        }
        PropertySource<?> existing = this.environment.getPropertySources().get(PROPERTY_SOURCE_NAME);
        if (existing != null) {
            this.environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
        }
        this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, ports));
    }

}
