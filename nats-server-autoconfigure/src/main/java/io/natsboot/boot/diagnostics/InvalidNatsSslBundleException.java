package io.natsboot.boot.diagnostics;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the SSL bundle a {@code nats.*.tls.bundle} property names does not exist or cannot serve its purpose.
 *
 * @since 0.1.0
 */
public class InvalidNatsSslBundleException extends RuntimeException {

    private final String property;

    private final String bundle;

    private final List<String> knownBundles;

    /**
     * Creates an exception for one bundle property.
     * @param property the property naming the bundle, e.g. {@code nats.server.tls.bundle}
     * @param bundle the bundle name as configured
     * @param reason what is wrong with it
     * @param knownBundles the names of the bundles that exist
     * @param cause the underlying failure, or {@code null}
     */
    public InvalidNatsSslBundleException(String property, String bundle, String reason, List<String> knownBundles,
            @Nullable Throwable cause) {
        super("SSL bundle '" + bundle + "' of " + property + " " + reason, cause);
        this.property = property;
        this.bundle = bundle;
        this.knownBundles = List.copyOf(knownBundles);
    }

    /**
     * Property naming the bundle.
     * @return the property name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * Bundle name as configured.
     * @return the bundle name
     */
    public String getBundle() {
        return this.bundle;
    }

    /**
     * Names of the SSL bundles the application defines.
     * @return the bundle names, maybe empty
     */
    public List<String> getKnownBundles() {
        return this.knownBundles;
    }

}
