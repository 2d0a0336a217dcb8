package io.natsboot.boot.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsPortInUseException}.
 */
public class NatsPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<NatsPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NatsPortInUseException cause) {
        return new FailureAnalysis(
                "The embedded NATS server could not listen on port " + cause.getPort() + " (" + cause.getProperty()
                        + "): the port is already in use.",
                "Stop the process that uses port " + cause.getPort() + ", or set '" + cause.getProperty()
                        + "' to another port (0 picks a free one).",
                cause);
    }

}
