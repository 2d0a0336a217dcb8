package io.natsboot.server.auth;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that compare passwords against bcrypt hashes. A bcrypt check is slow on purpose (tens to hundreds of
 * milliseconds), and on an event loop it would stall every other connection of that loop; so clients that log in
 * against a hash wait here instead, with their reading paused. A few threads only: enough for real logins, while a
 * flood of bad ones queues behind each other rather than taking the CPU from the event loops.
 */
public final class CredentialChecks implements Executor, AutoCloseable {

    private final ExecutorService pool;

    public CredentialChecks() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = Executors.newFixedThreadPool(threads, new DefaultThreadFactory("nats-auth", true));
    }

    @Override
    public void execute(Runnable check) {
        pool.execute(check);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
