package io.natsboot.server.route;

import io.natsboot.server.connection.Transport;
import io.natsboot.server.options.RouteUrl;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Dials routes: the seeds (configured and discovered) every second until a route to the server at that URL is up,
 * backing off on a seed that keeps failing (1 s, 2 s, then every 4 s, for as long as the server runs); and the
 * servers peers gossip about (implicit routes), once plus {@code connect_retries}. One dial per address at a time.
 * Thread-safe.
 */
final class RouteDialer {

    private static final long DIAL_INTERVAL_MILLIS = 1000;
    private static final int DIAL_TIMEOUT_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 4000;

    private final EventLoopGroup workerGroup;
    private final List<RouteUrl> configuredSeeds;
    private final RouteDiscoveryThread discovery;
    private final int connectRetries;
    private final BiConsumer<SocketChannel, RouteUrl> initRoute;
    private final Predicate<String> connectedTo;
    private final DialRecords records;
    private final Map<RouteUrl, String> serverIdByUrl = new ConcurrentHashMap<>();
    private final Set<RouteUrl> selfUrls = ConcurrentHashMap.newKeySet();
    private final Set<String> dialing = ConcurrentHashMap.newKeySet();
    /** Per seed: when it may be dialled again and how many dials in a row did not end in a route. */
    private final Map<RouteUrl, long[]> seedBackoff = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> timer;
    private volatile boolean stopped;

    /**
     * @param initRoute   sets up the pipeline of a dialled channel for the URL it dialled
     * @param connectedTo whether a route to the server with that id is registered
     * @param records     where each dial's outcome is counted (and failures logged)
     */
    RouteDialer(EventLoopGroup workerGroup, List<RouteUrl> configuredSeeds, RouteDiscoveryThread discovery,
                int connectRetries, BiConsumer<SocketChannel, RouteUrl> initRoute, Predicate<String> connectedTo,
                DialRecords records) {
        this.workerGroup = workerGroup;
        this.configuredSeeds = List.copyOf(configuredSeeds);
        this.discovery = discovery;
        this.connectRetries = connectRetries;
        this.initRoute = initRoute;
        this.connectedTo = connectedTo;
        this.records = records;
    }

    void start() {
        timer = workerGroup.next().scheduleWithFixedDelay(this::dialSeeds, 0, DIAL_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The seeds now: the configured routes, then what discovery found. */
    private Set<RouteUrl> seeds() {
        Set<RouteUrl> seeds = new LinkedHashSet<>(configuredSeeds);
        discovery.addFound(seeds);
        return seeds;
    }

    private void dialSeeds() {
        for (RouteUrl url : seeds()) {
            dialSeed(url);
        }
    }

    private void dialSeed(RouteUrl url) {
        if (stopped || selfUrls.contains(url)) {
            return;
        }
        String knownId = serverIdByUrl.get(url);
        long[] backoff = seedBackoff.computeIfAbsent(url, u -> new long[2]); // {next dial at (nanos), failures}
        if (knownId != null && connectedTo.test(knownId)) {
            backoff[1] = 0;
            return;
        }
        long now = System.nanoTime();
        if (now - backoff[0] < 0 || dialing.contains(url.hostPort())) {
            return;
        }
        long delayMillis = Math.min(MAX_BACKOFF_MILLIS, DIAL_INTERVAL_MILLIS << Math.min(backoff[1], 4));
        backoff[0] = now + TimeUnit.MILLISECONDS.toNanos(delayMillis - DIAL_INTERVAL_MILLIS / 2);
        backoff[1]++;
        dial(url);
    }

    private void dial(RouteUrl url) {
        if (stopped || !dialing.add(url.hostPort())) {
            return;
        }
        new Bootstrap()
                .group(workerGroup)
                .channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, Transport.allocator())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DIAL_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initRoute.accept(ch, url);
                    }
                })
                .connect(url.host(), url.port())
                .addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        records.connected(url);
                    } else {
                        dialing.remove(url.hostPort());
                        records.failed(url, f.cause());
                    }
                });
    }

    /**
     * Dials a server known by gossip (or whose implicit route dropped) until a route to it is up, once plus
     * {@code connect_retries}; a small random delay makes two servers dialling each other at once less likely.
     */
    void dialImplicitSoon(RouteUrl url, String peerId) {
        workerGroup.next().schedule(() -> dialImplicit(url, peerId, connectRetries),
                ThreadLocalRandom.current().nextInt(100), TimeUnit.MILLISECONDS);
    }

    private void dialImplicit(RouteUrl url, String peerId, int retriesLeft) {
        if (stopped || connectedTo.test(peerId)) {
            return;
        }
        dial(url);
        if (retriesLeft > 0) {
            workerGroup.next().schedule(() -> dialImplicit(url, peerId, retriesLeft - 1), DIAL_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** A route dialled at {@code url} reached the server {@code peerId}. */
    void reached(RouteUrl url, String peerId) {
        serverIdByUrl.put(url, peerId);
        records.established(url);
        dialing.remove(url.hostPort());
    }

    /** {@code url} leads back to this server: never dialled again. */
    void markSelf(RouteUrl url) {
        selfUrls.add(url);
        dialing.remove(url.hostPort());
    }

    /** The connection dialled at {@code url} ended; {@code earlyReason} says why when it never became a route. */
    void ended(RouteUrl url, String earlyReason) {
        dialing.remove(url.hostPort());
        if (earlyReason != null) {
            records.closedEarly(url, earlyReason);
        }
    }

    /** Whether a route dialled at {@code url} reached this server itself. */
    boolean isSelf(RouteUrl url) {
        return selfUrls.contains(url);
    }

    /** Whether {@code url} is one of the seeds (configured or discovered), which the seed timer re-dials. */
    boolean isSeed(RouteUrl url) {
        for (RouteUrl seed : seeds()) {
            if (seed.hostPort().equals(url.hostPort())) {
                return true;
            }
        }
        return false;
    }
}
