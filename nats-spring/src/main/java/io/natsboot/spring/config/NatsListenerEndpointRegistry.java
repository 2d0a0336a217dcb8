package io.natsboot.spring.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.natsboot.spring.listener.NatsListenerContainer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Owns the listener containers by id. As a {@link SmartLifecycle} it starts the auto-startup ones with the context
 * and stops all of them first on shutdown (before the connection goes). {@link #start(String)},
 * {@link #stop(String)}, {@link #pause(String)} and {@link #resume(String)} control one listener at run time.
 */
public class NatsListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

    private final Map<String, NatsListenerContainer> containers = Collections.synchronizedMap(new LinkedHashMap<>());

    private volatile boolean running;

    /**
     * Builds the endpoint's container with the factory and keeps it. With {@code startImmediately}, a container that
     * auto-starts is started now if the registry is already running.
     */
    public NatsListenerContainer registerListenerContainer(NatsListenerEndpoint endpoint,
            NatsListenerContainerFactory<?> factory, boolean startImmediately) {
        Assert.notNull(endpoint, "endpoint must not be null");
        Assert.notNull(factory, "factory must not be null");
        String id = endpoint.getId();
        NatsListenerContainer container;
        synchronized (containers) {
            Assert.state(!containers.containsKey(id), () -> "Another NATS listener is registered with id '" + id + "'");
            container = factory.createListenerContainer(endpoint);
            containers.put(id, container);
        }
        if (startImmediately && running && container.isAutoStartup()) {
            container.start();
        }
        return container;
    }

    /** The container of that id, or {@code null}. */
    public NatsListenerContainer getListenerContainer(String id) {
        return containers.get(id);
    }

    public Set<String> getListenerContainerIds() {
        synchronized (containers) {
            return Set.copyOf(containers.keySet());
        }
    }

    public Collection<NatsListenerContainer> getListenerContainers() {
        synchronized (containers) {
            return new ArrayList<>(containers.values());
        }
    }

    /** Starts one listener, whatever its auto-startup setting. */
    public void start(String id) {
        container(id).start();
    }

    /** Stops one listener: its subscriptions are closed until {@link #start(String)}. */
    public void stop(String id) {
        container(id).stop();
    }

    public boolean isRunning(String id) {
        return container(id).isRunning();
    }

    /**
     * Pauses one listener: it keeps its subscriptions, and what arrives waits (in the client's pending buffer, up to
     * jnats' pending limits) until {@link #resume(String)}. A paused listener that is stopped and started again stays
     * paused.
     */
    public void pause(String id) {
        container(id).pause();
    }

    /** Resumes one listener: the messages that waited are delivered first, in order. */
    public void resume(String id) {
        container(id).resume();
    }

    public boolean isPaused(String id) {
        return container(id).isPaused();
    }

    private NatsListenerContainer container(String id) {
        NatsListenerContainer container = containers.get(id);
        if (container == null) {
            throw new IllegalArgumentException("No NATS listener with id '" + id + "'; known: "
                    + getListenerContainerIds());
        }
        return container;
    }

    @Override
    public void start() {
        for (NatsListenerContainer container : getListenerContainers()) {
            if (container.isAutoStartup()) {
                container.start();
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (NatsListenerContainer container : getListenerContainers()) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    @Override
    public void destroy() {
        stop();
        containers.clear();
    }
}
