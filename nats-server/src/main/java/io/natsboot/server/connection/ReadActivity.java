package io.natsboot.server.connection;

import java.time.Instant;

/**
 * When a connection last heard from its peer, whatever its kind. The clock is read once per socket read, not per op
 * (reading it costs as much as routing a small message): ops only mark the read as active, and the end of the read
 * takes the time. Marked and stamped on the connection's event loop; read from any thread.
 */
public final class ReadActivity {

    /** On the monotonic clock, so that a change of the wall clock does not make a connection look idle. */
    private volatile long lastNanos = System.nanoTime();
    private boolean activeInRead;

    /** An op the peer's activity counts for came in the read going on. */
    public void seen() {
        activeInRead = true;
    }

    /** The read has ended: the time is taken if an op was seen in it. */
    public void readEnded() {
        if (activeInRead) {
            activeInRead = false;
            lastNanos = System.nanoTime();
        }
    }

    /** The last activity placed on the wall clock of {@code now}, never before the connection's {@code start}. */
    public Instant last(Instant start, Instant now) {
        long ago = Math.max(0, System.nanoTime() - lastNanos);
        Instant last = Instant.now().minusNanos(ago);
        if (last.isBefore(start)) {
            return start;
        }
        return last.isAfter(now) ? now : last;
    }
}
