package io.natsboot.boot.diagnostics;

/**
 * Thrown when a configured seed route of the embedded NATS server is not a valid route URL.
 *
 * @since 0.1.0
 */
public class InvalidNatsRouteException extends RuntimeException {

    private final String property;

    private final String url;

    /**
     * Creates an exception for one route.
     * @param property the indexed property holding the route, e.g. {@code nats.server.cluster.routes[0]}
     * @param url the route as configured
     * @param reason what is wrong with it
     */
    public InvalidNatsRouteException(String property, String url, String reason) {
        super("Invalid NATS route '" + url + "' in " + property + ": " + reason);
        this.property = property;
        this.url = url;
    }

    /**
     * Indexed property holding the route.
     * @return the property name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * Route as configured.
     * @return the route URL
     */
    public String getUrl() {
        return this.url;
    }

}
