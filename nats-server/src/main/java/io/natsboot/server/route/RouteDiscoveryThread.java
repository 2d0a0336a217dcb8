package io.natsboot.server.route;

import io.natsboot.server.monitor.DiscoveredSeeds;
import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks each route discovery source (DNS) for seeds on its own thread, as an answer may block, and keeps the latest
 * answer of each for the dialer. Thread-safe.
 */
final class RouteDiscoveryThread {

    // its lines are the route manager's
    private static final System.Logger LOG = System.getLogger(RouteManager.class.getName());

    private final Map<RouteDiscovery, List<RouteUrl>> discovered = new ConcurrentHashMap<>();
    private final List<RouteDiscovery> sources = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nats-route-discovery");
        t.setDaemon(true);
        return t;
    });

    /** Starts asking {@code sources}, each at its own refresh interval. */
    void start(List<RouteDiscovery> sources) {
        this.sources.addAll(sources);
        for (RouteDiscovery source : sources) {
            thread.scheduleWithFixedDelay(() -> refresh(source), 0, source.refreshInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void refresh(RouteDiscovery source) {
        try {
            List<RouteUrl> seeds = List.copyOf(source.seeds());
            if (!seeds.equals(discovered.put(source, seeds))) {
                LOG.log(Level.DEBUG, () -> "Route discovery " + source + " found " + seeds);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, () -> "Route discovery " + source + " failed: " + e.getMessage());
        }
    }

    /** Adds what the sources found last to {@code seeds}. */
    void addFound(Set<RouteUrl> seeds) {
        discovered.values().forEach(seeds::addAll);
    }

    /** What each source found last, in the order of the sources, each named by its {@code toString()}. */
    List<DiscoveredSeeds> found() {
        List<DiscoveredSeeds> out = new ArrayList<>(sources.size());
        for (RouteDiscovery source : sources) {
            List<RouteUrl> seeds = discovered.getOrDefault(source, List.of());
            out.add(new DiscoveredSeeds(String.valueOf(source), seeds.stream().map(RouteUrl::toString).toList()));
        }
        return out;
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
