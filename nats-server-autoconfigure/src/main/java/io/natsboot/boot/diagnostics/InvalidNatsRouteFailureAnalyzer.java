package io.natsboot.boot.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidNatsRouteException}.
 */
public class InvalidNatsRouteFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNatsRouteException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidNatsRouteException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Update '" + cause.getProperty() + "' to a route URL of the form 'nats-route://host:port'.", cause);
    }

}
