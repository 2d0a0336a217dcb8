package io.natsboot.autoconfigure;

import java.util.List;

import io.natsboot.boot.diagnostics.InvalidNatsSslBundleException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Looks up the SSL bundles that {@code nats.*.tls.bundle} properties name, failing with the property's name. Free of
 * engine types: the client-only auto-configuration uses it too.
 */
final class NatsSslBundles {

    private final @Nullable SslBundles bundles;

    NatsSslBundles(@Nullable SslBundles bundles) {
        this.bundles = bundles;
    }

    /**
     * The named bundle.
     * @param property the property that names it, for the failure message
     * @param name the bundle name
     * @return the bundle
     * @throws InvalidNatsSslBundleException when there is no such bundle
     */
    SslBundle get(String property, String name) {
        if (this.bundles == null) {
            throw new InvalidNatsSslBundleException(property, name,
                    "cannot be resolved: the application has no SslBundles (SslAutoConfiguration is not active)",
                    List.of(), null);
        }
        try {
            return this.bundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new InvalidNatsSslBundleException(property, name, "does not exist", this.bundles.getBundleNames(),
                    ex);
        }
    }

    /**
     * The named bundle, which must hold a certificate and its private key: a listener presents them.
     */
    SslBundle getWithKey(String property, String name) {
        SslBundle bundle = get(property, name);
        if (bundle.getStores().getKeyStore() == null) {
            throw new InvalidNatsSslBundleException(property, name,
                    "has no key store: a NATS listener needs a certificate and its private key "
                            + "('keystore.certificate' and 'keystore.private-key' of a PEM bundle)",
                    knownNames(), null);
        }
        return bundle;
    }

    List<String> knownNames() {
        return (this.bundles != null) ? this.bundles.getBundleNames() : List.of();
    }

}
