package io.natsboot.server.conformance;

import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;

import java.util.EnumMap;
import java.util.Map;

/**
 * natsboot and nats-server side by side, one pair per {@link Profile}, started on first use and closed together. Not
 * thread-safe: one test class, one instance.
 */
final class ServerPairs implements AutoCloseable {

    /** The two servers of one profile. */
    record Pair(NatsServer natsboot, NatsServerProcess natsServer) {
    }

    private final Map<Profile, Pair> pairs = new EnumMap<>(Profile.class);

    Pair get(Profile profile) {
        Pair pair = pairs.get(profile);
        if (pair == null) {
            NatsServerProcess official = NatsServerProcess.start(profile.natsServerConfig);
            NatsServer natsboot;
            try {
                natsboot = TestServers.start(profile.natsbootOptions);
            } catch (RuntimeException e) {
                official.close();
                throw e;
            }
            pair = new Pair(natsboot, official);
            pairs.put(profile, pair);
        }
        return pair;
    }

    @Override
    public void close() {
        for (Pair pair : pairs.values()) {
            try {
                pair.natsboot().close();
            } finally {
                pair.natsServer().close();
            }
        }
        pairs.clear();
    }
}
