package io.natsboot.server.client;

import io.natsboot.server.delivery.MessageRouter;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.delivery.ServerStats;
import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.subject.SubjectTree;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/** What a client connection needs from its server; implemented by the server, thread-safe. */
public interface ClientServices {

    ServerOptions options();

    SubjectTree<Subscription> subjects();

    MessageRouter router();

    ServerStats stats();

    /**
     * Checks client credentials. The server builds one at start; this default (for stand-ins in tests) builds one
     * from {@link #options()} on each call.
     */
    default Authenticator authenticator() {
        return new Authenticator(options());
    }

    /**
     * Where CONNECTs are checked when {@link Authenticator#hasSlowSecrets()}, away from the event loops. The server
     * has its own threads; this default (for stand-ins in tests) is the common pool.
     */
    default Executor credentialChecks() {
        return ForkJoinPool.commonPool();
    }

    /** The INFO JSON this connection is sent on accept (and again when the cluster changes). */
    String infoJson(ClientConnection connection);

    /** A client's subscription entered ({@code added}) or left the subject tree: the cluster must learn of it. */
    void localInterestChanged(Subscription sub, boolean added);

    /** Counts a new connection in; false when the server is at max_connections (the caller refuses it). */
    boolean register(ClientConnection connection);

    /**
     * The connection has closed and stopped its timers; forget it. Its subscriptions are still listed, so a record
     * of it can include them; they leave the subject tree right after.
     */
    void connectionClosed(ClientConnection connection);
}
