package io.natsboot.boot.actuate.metrics;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.monitor.Varz;
import org.jspecify.annotations.Nullable;

/**
 * Binds the embedded node's gauges ({@code nats.server.connections}, {@code nats.server.routes},
 * {@code nats.server.subscriptions}) and counters ({@code nats.server.messages} and {@code nats.server.bytes} with
 * tag {@code direction=in|out}, {@code nats.server.slow.consumers}), read from the engine's {@code /varz} document.
 * One document serves every meter of a scrape (it is kept for {@link #SNAPSHOT_TTL}). Reading a meter never starts
 * the node: a stopped node reads 0.
 *
 * @since 0.1.0
 */
public class NatsServerMetrics implements MeterBinder {

    /** How long one {@code /varz} document serves the meters: a scrape reads all of them at once. */
    static final Duration SNAPSHOT_TTL = Duration.ofMillis(500);

    private final EmbeddedNatsServer server;

    private final Iterable<Tag> tags;

    private @Nullable Snapshot snapshot;

    public NatsServerMetrics(EmbeddedNatsServer server) {
        this(server, Tags.empty());
    }

    public NatsServerMetrics(EmbeddedNatsServer server, Iterable<Tag> tags) {
        this.server = server;
        this.tags = tags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "nats.server.connections", "Open client connections", "connections", Varz::connections);
        gauge(registry, "nats.server.routes", "Open routes to other cluster nodes", "routes", Varz::routes);
        gauge(registry, "nats.server.subscriptions", "Subscriptions on the node", "subscriptions",
                Varz::subscriptions);
        counter(registry, "nats.server.messages", "in", "Messages received from clients and routes", "messages",
                Varz::inMsgs);
        counter(registry, "nats.server.messages", "out", "Messages delivered to clients and routes", "messages",
                Varz::outMsgs);
        counter(registry, "nats.server.bytes", "in", "Payload bytes received", "bytes", Varz::inBytes);
        counter(registry, "nats.server.bytes", "out", "Payload bytes delivered", "bytes", Varz::outBytes);
        FunctionCounter.builder("nats.server.slow.consumers", this, read(Varz::slowConsumers))
            .description("Connections closed or flagged as slow consumers")
            .tags(this.tags)
            .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<Varz> value) {
        Gauge.builder(name, this, read(value))
            .description(description)
            .baseUnit(unit)
            .tags(this.tags)
            .strongReference(true)
            .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String direction, String description, String unit,
            ToDoubleFunction<Varz> value) {
        FunctionCounter.builder(name, this, read(value))
            .description(description)
            .baseUnit(unit)
            .tags(this.tags)
            .tag("direction", direction)
            .register(registry);
    }

    private static ToDoubleFunction<NatsServerMetrics> read(ToDoubleFunction<Varz> value) {
        return (metrics) -> {
            Varz varz = metrics.varz();
            return (varz != null) ? value.applyAsDouble(varz) : 0;
        };
    }

    private synchronized @Nullable Varz varz() {
        if (!this.server.isRunning()) {
            this.snapshot = null;
            return null;
        }
        long now = System.nanoTime();
        Snapshot current = this.snapshot;
        if (current == null || now - current.takenAt() > SNAPSHOT_TTL.toNanos()) {
            current = new Snapshot(this.server.getServer().monitor().varz(), now);
            this.snapshot = current;
        }
        return current.varz();
    }

    private record Snapshot(Varz varz, long takenAt) {
    }

}
