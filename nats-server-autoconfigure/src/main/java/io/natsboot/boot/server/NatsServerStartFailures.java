package io.natsboot.boot.server;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.ServerStartException;
import io.natsboot.boot.diagnostics.NatsPortInUseException;

/**
 * Turns the engine's start failures into exceptions that name the property to change.
 */
final class NatsServerStartFailures {

    private NatsServerStartFailures() {
    }

    static RuntimeException translate(ServerStartException ex, ServerOptions options) {
        if (!isAddressInUse(ex)) {
            return ex;
        }
        String message = String.valueOf(ex.getMessage());
        if (message.startsWith("Error listening on router port")) {
            return new NatsPortInUseException("nats.server.cluster.port", options.getCluster().getPort(), ex);
        }
        if (message.startsWith("Can't start monitoring")) {
            return new NatsPortInUseException("nats.server.monitoring-port", options.getHttpPort(), ex);
        }
        return new NatsPortInUseException("nats.server.port", options.getPort(), ex);
    }

    private static boolean isAddressInUse(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

}
