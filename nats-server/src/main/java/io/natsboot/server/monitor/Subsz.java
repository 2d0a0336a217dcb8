package io.natsboot.server.monitor;

import io.natsboot.server.json.FieldWriter;
import io.natsboot.server.json.JsonWriter;
import io.natsboot.server.json.MapWriter;
import io.natsboot.server.subject.SubjectTreeStats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code /subsz} document: the subscription index's counters and, when asked, one page of its subscriptions;
 * immutable.
 *
 * @param serverId      {@code server_id}
 * @param now           {@code now}
 * @param stats         {@code num_subscriptions ... avg_fanout}
 * @param total         {@code total}: as in nats-server 2.9, the size of this page, not of the whole list
 * @param offset        {@code offset}
 * @param limit         {@code limit}
 * @param subscriptions {@code subscriptions_list}
 */
public record Subsz(String serverId, Instant now, SubjectTreeStats stats, int total, int offset, int limit,
        List<SubDetail> subscriptions) {

    public static final int DEFAULT_LIMIT = 1024;

    /**
     * The query of a {@code /subsz} request.
     *
     * @param subs   {@code subs=1}: list subscriptions
     * @param offset first subscription of the page (negative = 0)
     * @param limit  page size (0 or negative = {@link #DEFAULT_LIMIT})
     * @param test   a literal subject: list only subscriptions it would be delivered to; null for all
     */
    public record Options(boolean subs, int offset, int limit, String test) {

        public static final Options DEFAULT = new Options(false, 0, DEFAULT_LIMIT, null);
    }

    public Subsz {
        subscriptions = List.copyOf(subscriptions);
    }

    /** The full document; {@code /subsz} serves {@link #statsJson()} instead when the list is empty. */
    public String toJson() {
        JsonWriter w = JsonWriter.object();
        write(w);
        return w.end();
    }

    /**
     * What {@code /subsz} serves, as ordered maps with the JSON form's names: the full document, or the counters
     * alone when the list is empty.
     */
    public Map<String, Object> toMap() {
        return subscriptions.isEmpty() ? MapWriter.collect(this::writeStats) : MapWriter.collect(this::write);
    }

    private void write(FieldWriter w) {
        w.field("server_id", serverId)
                .field("now", GoFormats.time(now));
        writeStats(w);
        w.field("total", total)
                .field("offset", offset)
                .field("limit", limit);
        if (!subscriptions.isEmpty()) {
            w.fieldObjects("subscriptions_list", subscriptions, SubDetail::write);
        }
    }

    /** The counters alone: what a bare {@code /subsz} shows. */
    public String statsJson() {
        JsonWriter w = JsonWriter.object();
        writeStats(w);
        return w.end();
    }

    private void writeStats(FieldWriter w) {
        w.field("num_subscriptions", stats.numSubscriptions())
                .field("num_cache", stats.numCache())
                .field("num_inserts", stats.numInserts())
                .field("num_removes", stats.numRemoves())
                .field("num_matches", stats.numMatches())
                .field("cache_hit_rate", stats.cacheHitRate())
                .field("max_fanout", stats.maxFanout())
                .field("avg_fanout", stats.avgFanout());
    }
}
