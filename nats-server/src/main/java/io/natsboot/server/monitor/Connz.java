package io.natsboot.server.monitor;

import io.natsboot.server.json.FieldWriter;
import io.natsboot.server.json.JsonWriter;
import io.natsboot.server.json.MapWriter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code /connz} document: one page of client connections; immutable.
 *
 * @param serverId       {@code server_id}
 * @param now            {@code now}
 * @param numConnections {@code num_connections}: connections on this page
 * @param total          {@code total}: connections in the asked-for state(s), before paging
 * @param offset         {@code offset}
 * @param limit          {@code limit}
 * @param connections    {@code connections}
 * @param options        what was asked for, which decides the subscription lists shown
 */
public record Connz(String serverId, Instant now, int numConnections, int total, int offset, int limit,
        List<ConnInfo> connections, Options options) {

    /** Connections above this many are left to later pages unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 1024;

    /** Which connections {@code state=} asks for. */
    public enum State { OPEN, CLOSED, ALL }

    /**
     * The query of a {@code /connz} request.
     *
     * @param sort       order, never null
     * @param subs       {@code subs=1}: list subscription subjects
     * @param subsDetail {@code subs=detail}: list subscriptions in detail
     * @param offset     first connection of the page (negative = 0)
     * @param limit      page size (0 or negative = {@link #DEFAULT_LIMIT})
     * @param cid        only this connection when positive (the page size is then 1)
     * @param state      open, closed or both
     */
    public record Options(ConnzSort sort, boolean subs, boolean subsDetail, int offset, int limit, long cid,
            State state) {

        public static final Options DEFAULT = new Options(ConnzSort.CID, false, false, 0, DEFAULT_LIMIT, 0,
                State.OPEN);

        public Options withSort(ConnzSort sort) {
            return new Options(sort, subs, subsDetail, offset, limit, cid, state);
        }
    }

    public Connz {
        connections = List.copyOf(connections);
    }

    public String toJson() {
        JsonWriter w = JsonWriter.object();
        write(w);
        return w.end();
    }

    /** The document as ordered maps with the JSON form's names, for a caller that renders it itself. */
    public Map<String, Object> toMap() {
        return MapWriter.collect(this::write);
    }

    private void write(FieldWriter w) {
        boolean subs = options.subs();
        boolean detail = options.subsDetail();
        w.field("server_id", serverId)
                .field("now", GoFormats.time(now))
                .field("num_connections", numConnections)
                .field("total", total)
                .field("offset", offset)
                .field("limit", limit)
                .fieldObjects("connections", connections, (c, cw) -> c.write(cw, subs, detail));
    }
}
