package io.natsboot.autoconfigure.metrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.natsboot.autoconfigure.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.route.RouteManager;

/**
 * Binds the embedded node's gauges ({@code nats.server.connections}, {@code nats.server.routes},
 * {@code nats.server.subscriptions}) and counters ({@code nats.server.messages} and {@code nats.server.bytes} with
 * tag {@code direction=in|out}, {@code nats.server.slow.consumers}). Reading a meter never starts the node: a stopped
 * node reads 0.
 *
 * @since 0.1.0
 */
public class NatsServerMetrics implements MeterBinder {

    private final EmbeddedNatsServer server;

    private final Iterable<Tag> tags;

    public NatsServerMetrics(EmbeddedNatsServer server) {
        this(server, Tags.empty());
    }

    public NatsServerMetrics(EmbeddedNatsServer server, Iterable<Tag> tags) {
        this.server = server;
        this.tags = tags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "nats.server.connections", "Open client connections", "connections",
                (s) -> s.clients().size());
        gauge(registry, "nats.server.routes", "Open routes to other cluster nodes", "routes", (s) -> {
            RouteManager routes = s.routeManager();
            return (routes != null) ? routes.routes().size() : 0;
        });
        gauge(registry, "nats.server.subscriptions", "Subscriptions on the node", "subscriptions",
                (s) -> s.subjects().count());
        counter(registry, "nats.server.messages", "in", "Messages received from clients and routes", "messages",
                (s) -> s.stats().inMsgs.sum());
        counter(registry, "nats.server.messages", "out", "Messages delivered to clients and routes", "messages",
                (s) -> s.stats().outMsgs.sum());
        counter(registry, "nats.server.bytes", "in", "Payload bytes received", "bytes",
                (s) -> s.stats().inBytes.sum());
        counter(registry, "nats.server.bytes", "out", "Payload bytes delivered", "bytes",
                (s) -> s.stats().outBytes.sum());
        FunctionCounter.builder("nats.server.slow.consumers", this.server, read((s) -> s.stats().slowConsumers.get()))
            .description("Connections closed or flagged as slow consumers")
            .tags(this.tags)
            .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<NatsServer> value) {
        Gauge.builder(name, this.server, read(value))
            .description(description)
            .baseUnit(unit)
            .tags(this.tags)
            .strongReference(true)
            .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String direction, String description, String unit,
            ToDoubleFunction<NatsServer> value) {
        FunctionCounter.builder(name, this.server, read(value))
            .description(description)
            .baseUnit(unit)
            .tags(this.tags)
            .tag("direction", direction)
            .register(registry);
    }

    private static ToDoubleFunction<EmbeddedNatsServer> read(ToDoubleFunction<NatsServer> value) {
        return (embedded) -> embedded.isRunning() ? value.applyAsDouble(embedded.getServer()) : 0;
    }

}
