package io.natsboot.server.monitor;

import io.natsboot.server.json.JsonWriter;

/**
 * The {@code /healthz} document; immutable.
 *
 * @param status {@code status}: {@code ok}, or {@code error} when the server is not accepting clients
 * @param error  {@code error}: why not, omitted when healthy
 */
public record HealthStatus(String status, String error) {

    public static final HealthStatus OK = new HealthStatus("ok", null);

    public boolean healthy() {
        return error == null;
    }

    /** Compact, as nats-server writes this one document. */
    public String toJson() {
        return JsonWriter.object()
                .field("status", status)
                .fieldIfSet("error", error)
                .end();
    }
}
