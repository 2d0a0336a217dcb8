package io.natsboot.boot.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsClientConnectException}: which servers, which properties.
 */
public class NatsClientConnectFailureAnalyzer extends AbstractFailureAnalyzer<NatsClientConnectException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NatsClientConnectException cause) {
        String servers = String.join(", ", cause.getServers());
        return new FailureAnalysis(
                "The application's NATS client could not connect to " + servers + " (nats.client.servers) at start-up: "
                        + cause.getCause().getMessage() + ".",
                "Start a NATS server at " + servers + ", or set 'nats.client.servers' to a server that is reachable, "
                        + "or set 'nats.client.fail-on-startup' to false to start without a connection and let the "
                        + "client connect in the background.",
                cause);
    }

}
