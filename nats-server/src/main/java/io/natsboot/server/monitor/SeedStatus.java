package io.natsboot.server.monitor;

/**
 * What the dialling of one configured seed route has come to, as it was when read. Immutable.
 *
 * @param url           the seed, {@code nats-route://host:port} (without credentials)
 * @param everConnected whether a route to the server at this seed was ever established (dialled by this server or
 *                      accepted from it)
 * @param attempts      the failed dials since the last one that connected, as the error log counts them
 * @param lastError     why the last dial failed (the dial error, or why the connection closed before its route was
 *                      established), or {@code null} when the last dial connected or none has failed yet
 */
public record SeedStatus(String url, boolean everConnected, int attempts, String lastError) {

    /** Whether this seed is configured but has never answered, after at least one attempt that failed. */
    public boolean neverAnswered() {
        return !everConnected && lastError != null;
    }
}
