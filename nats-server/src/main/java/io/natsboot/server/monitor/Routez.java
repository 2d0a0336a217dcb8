package io.natsboot.server.monitor;

import io.natsboot.server.json.JsonWriter;

import java.time.Instant;
import java.util.List;

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
        return JsonWriter.object()
                .field("server_id", serverId)
                .field("now", GoFormats.time(now))
                .field("num_routes", routes.size())
                .rawField("routes", JsonWriter.array(routes.stream().map(r -> r.toJson(subs, subsDetail)).toList()))
                .end();
    }
}
