package io.natsboot.server.hardening;

import io.netty.channel.EventLoop;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a task waits for the node's event loops: a hostile client that hogs a loop shows up here as latency for
 * every good client on that loop. Submits a timestamped no-op to each loop every few milliseconds; keeps the worst.
 */
final class LoopLagProbe implements AutoCloseable {

    private final Set<EventLoop> loops;
    private final AtomicLong worstNanos = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    LoopLagProbe(Collection<EventLoop> loops) {
        this.loops = Set.copyOf(loops);
        thread = new Thread(this::run, "loop-lag-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (EventLoop loop : loops) {
                long submitted = System.nanoTime();
                loop.execute(() -> worstNanos.accumulateAndGet(System.nanoTime() - submitted, Math::max));
            }
            try {
                Thread.sleep(20); // the probe's period
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long worstMillis() {
        return worstNanos.get() / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
