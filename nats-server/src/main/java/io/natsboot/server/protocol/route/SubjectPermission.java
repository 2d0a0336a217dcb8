package io.natsboot.server.protocol.route;

import io.natsboot.server.json.JsonWriter;

import java.util.List;
import java.util.Map;

/**
 * The {@code import} or {@code export} permission of a route INFO: {@code {"allow":[..],"deny":[..]}}, each list
 * left out when empty (as nats-server writes it). The lists are never null.
 */
public record SubjectPermission(List<String> allow, List<String> deny) {

    public SubjectPermission {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    String toJson() {
        JsonWriter w = JsonWriter.object();
        if (!allow.isEmpty()) {
            w.field("allow", allow);
        }
        if (!deny.isEmpty()) {
            w.field("deny", deny);
        }
        return w.end();
    }

    static SubjectPermission from(Map<String, Object> m) {
        return m == null ? null : new SubjectPermission(JsonFields.strings(m, "allow"), JsonFields.strings(m, "deny"));
    }
}
