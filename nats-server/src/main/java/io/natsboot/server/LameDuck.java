package io.natsboot.server;

import io.natsboot.server.client.ClientConnection;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A server's lame duck mode once its client listener is closed: tell routes and clients, wait the grace period, then
 * close the clients one by one spread over the rest of {@code lame_duck_duration} (so they do not all reconnect
 * elsewhere at once), then shut the server down; routes stay until then, so what the clients still publish reaches
 * the cluster. Runs on its own thread, as its waits are long; a shutdown meanwhile ends it at once.
 */
final class LameDuck implements Runnable {

    private static final System.Logger LOG = System.getLogger(NatsServer.class.getName());
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Duration duration;
    private final Duration gracePeriod;
    private final Supplier<Collection<ClientConnection>> clients;
    private final Consumer<List<ClientConnection>> announce;
    private final Runnable shutdown;
    private final CountDownLatch quit;

    /**
     * @param announce sends routes and the given clients the lame duck INFO
     * @param shutdown the server's shutdown, run at the end
     * @param quit     released by the server's shutdown, which ends lame duck mode wherever it is
     */
    LameDuck(Duration duration, Duration gracePeriod, Supplier<Collection<ClientConnection>> clients,
             Consumer<List<ClientConnection>> announce, Runnable shutdown, CountDownLatch quit) {
        this.duration = duration;
        this.gracePeriod = gracePeriod;
        this.clients = clients;
        this.announce = announce;
        this.shutdown = shutdown;
        this.quit = quit;
    }

    void start() {
        Thread thread = new Thread(this, "nats-lame-duck");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        List<ClientConnection> toClose = List.copyOf(clients.get());
        if (toClose.isEmpty()) {
            shutdown.run();
            return;
        }
        Pacing pacing = Pacing.of(duration, gracePeriod, toClose.size());
        announce.accept(toClose);
        // the grace period lets several servers enter lame duck mode before any client has to move
        if (quitWithin(gracePeriod.toNanos())) {
            return;
        }
        LOG.log(Level.INFO, "Closing existing clients");
        for (int i = 0; i < toClose.size(); i++) {
            ClientConnection c = toClose.get(i);
            c.channel().eventLoop().execute(c::closeForShutdown);
            if (i == toClose.size() - 1) {
                break;
            }
            if (pacing.batch() == 1 || i % pacing.batch() == 0) {
                if (quitWithin(pacing.nextPause())) {
                    return;
                }
            }
        }
        shutdown.run();
    }

    private boolean quitWithin(long nanos) {
        try {
            return quit.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * How closing is spread, as nats-server spreads it: the time after the grace period (at least a second) shared
     * between the clients, at most a second between two; with more clients than nanoseconds, batches with no pause.
     *
     * @param intervalNanos the pause between two closes: a random one in [interval/2, interval)
     * @param batch         clients closed between two pauses
     */
    record Pacing(long intervalNanos, int batch) {

        static Pacing of(Duration duration, Duration gracePeriod, int clients) {
            long spread = duration.minus(gracePeriod).toNanos();
            if (spread <= 0) {
                spread = SECOND;
            }
            long interval = spread / clients;
            if (interval < 1) {
                return new Pacing(1, (int) (clients / spread));
            }
            return new Pacing(Math.min(interval, SECOND), 1);
        }

        long nextPause() {
            long v = ThreadLocalRandom.current().nextLong(intervalNanos);
            return Math.max(v, intervalNanos / 2);
        }
    }
}
