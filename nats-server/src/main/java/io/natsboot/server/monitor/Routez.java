package io.natsboot.server.monitor;

import io.natsboot.server.json.FieldWriter;
import io.natsboot.server.json.JsonWriter;
import io.natsboot.server.json.MapWriter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code /routez} document: this server's routes; immutable.
 *
 * @param serverId   {@code server_id}
 * @param now        {@code now}
 * @param routes     {@code routes} ({@code num_routes} is their count)
 * @param subs       {@code subs=1}: list each route's subscription subjects
 * @param subsDetail {@code subs=detail}: list them in detail
 */
public record Routez(String serverId, Instant now, List<RouteInfo> routes, boolean subs, boolean subsDetail) {

    public Routez {
        routes = List.copyOf(routes);
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
        w.field("server_id", serverId)
                .field("now", GoFormats.time(now))
                .field("num_routes", routes.size())
                .fieldObjects("routes", routes, (r, rw) -> r.write(rw, subs, subsDetail));
    }
}
