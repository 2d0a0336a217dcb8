package io.natsboot.server.options;

import java.time.Duration;
import java.util.List;

/**
 * Where seed routes come from besides the configured list: asked again every {@link #refreshInterval()}, so seeds
 * that appear while the server runs are dialled too. Called on a dedicated thread (it may block, e.g. on DNS).
 */
public interface RouteDiscovery {

    /** The seed routes now; an empty list while none are known. */
    List<RouteUrl> seeds() throws Exception;

    /** How often to ask again. */
    default Duration refreshInterval() {
        return Duration.ofSeconds(10);
    }
}
