package io.natsboot.boot.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidNatsSslBundleException}.
 */
public class InvalidNatsSslBundleFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNatsSslBundleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidNatsSslBundleException cause) {
        String known = cause.getKnownBundles().isEmpty() ? "none is defined"
                : "defined bundles: " + String.join(", ", cause.getKnownBundles());
        return new FailureAnalysis(cause.getMessage() + ".",
                "Define the bundle under 'spring.ssl.bundle.pem." + cause.getBundle() + "' (or '.jks."
                        + cause.getBundle() + "'), or set '" + cause.getProperty()
                        + "' to the name of an existing SSL bundle (" + known + ").",
                cause);
    }

}
