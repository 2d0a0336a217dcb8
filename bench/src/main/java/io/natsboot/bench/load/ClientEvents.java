package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connections of one run and everything the client reports about them: slow-consumer and discard events, server
 * errors, unexpected disconnects. A disconnect or close that the run did not ask for is a failure the waiting loops
 * see through {@link #failure()}, so a run whose connection the server dropped ends at once instead of stalling.
 */
final class ClientEvents implements ErrorListener, ConnectionListener, AutoCloseable {

    final AtomicLong slowConsumerEvents = new AtomicLong();
    final AtomicLong discardedMessages = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong exceptions = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean closing;

    private final LoadConfig config;

    ClientEvents(LoadConfig config) {
        this.config = config;
    }

    /** A connection tuned for throughput: large buffers, no echo, no reconnect, a deep outgoing queue. */
    Connection connect(String url, String name) throws IOException, InterruptedException {
        Options options = config.secured.applyTo(new Options.Builder())
                .server(url)
                .connectionName("natsboot-bench-" + name)
                .noReconnect()
                .noEcho()
                .connectionTimeout(Duration.ofSeconds(5))
                .bufferSize(config.clientBuffer)
                .maxMessagesInOutgoingQueue(config.outgoingQueue)
                // A full outgoing queue blocks the publisher (back-pressure) rather than dropping; only a queue that
                // stays full this long makes publish() throw, which ends the run with a reported error.
                .writeQueuePushTimeout(config.stallTimeout)
                .errorListener(this)
                .connectionListener(this)
                .build();
        Connection c = Nats.connect(options);
        synchronized (connections) {
            connections.add(c);
        }
        return c;
    }

    /** Why the run must stop, or null. */
    String failure() {
        return failure.get();
    }

    String firstError() {
        return firstError.get();
    }

    @Override
    public void connectionEvent(Connection conn, Events type) {
        if (closing) {
            return;
        }
        if (type == Events.DISCONNECTED || type == Events.CLOSED) {
            String last = conn.getLastError();
            String who = conn.getOptions().getConnectionName();
            failure.compareAndSet(null, "server dropped connection " + who
                    + (last != null && !last.isBlank() ? " (" + last.trim() + ")" : ""));
        }
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        serverErrors.incrementAndGet();
        firstError.compareAndSet(null, "-ERR " + error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        if (closing) {
            return;
        }
        exceptions.incrementAndGet();
        firstError.compareAndSet(null, exp.toString());
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        slowConsumerEvents.incrementAndGet();
    }

    @Override
    public void messageDiscarded(Connection conn, Message msg) {
        discardedMessages.incrementAndGet();
    }

    /** Adds what went wrong on the client side to the result's notes. */
    void report(RunResult r) {
        if (slowConsumerEvents.get() > 0) {
            r.note("slow-consumer events: " + slowConsumerEvents.get());
        }
        if (discardedMessages.get() > 0) {
            r.note("discarded by client: " + discardedMessages.get());
        }
        if (serverErrors.get() > 0 || exceptions.get() > 0) {
            r.note("client errors: " + (serverErrors.get() + exceptions.get()) + ", first: " + firstError.get());
        }
        r.details.put("slowConsumerEvents", slowConsumerEvents.get());
        r.details.put("discarded", discardedMessages.get());
        r.details.put("errors", serverErrors.get() + exceptions.get());
    }

    /** Closes every connection of the run; events from now on are expected and ignored. */
    @Override
    public void close() {
        closing = true;
        List<Connection> all;
        synchronized (connections) {
            all = new ArrayList<>(connections);
            connections.clear();
        }
        for (Connection c : all) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }
}
