package io.natsboot.server.subject;

/**
 * A snapshot of a {@link SubjectTree}'s counters, the fields of nats-server's {@code /subsz} (JSON names in each
 * accessor's doc); immutable.
 *
 * @param numSubscriptions {@code num_subscriptions}: subscriptions in the tree
 * @param numCache         {@code num_cache}: cached match results
 * @param numInserts       {@code num_inserts}: successful inserts so far
 * @param numRemoves       {@code num_removes}: successful removes so far
 * @param numMatches       {@code num_matches}: match calls so far
 * @param cacheHitRate     {@code cache_hit_rate}: share of matches answered from the cache, 0 to 1
 * @param maxFanout        {@code max_fanout}: largest fanout among cached results (plain subscribers + queue groups)
 * @param avgFanout        {@code avg_fanout}: mean fanout over cached results
 */
public record SubjectTreeStats(
        int numSubscriptions,
        int numCache,
        long numInserts,
        long numRemoves,
        long numMatches,
        double cacheHitRate,
        int maxFanout,
        double avgFanout) {
}
