package io.natsboot.server.inprocess;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one direction of a pipe has in flight: given to the other end and not yet taken by it. A socket's buffers
 * are what make a slow reader visible to a writer over TCP; Netty's in-VM channels have none (a write completes at
 * once), so each direction keeps this window and the writer holds back once it is full. Any thread.
 */
final class PipeWindow {

    /** About what a loopback socket buffers: enough that a fast reader never makes the writer wait. */
    static final long SIZE = 256 * 1024;

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean writerWaiting = new AtomicBoolean();
    private final Runnable wakeWriter;

    PipeWindow(Runnable wakeWriter) {
        this.wakeWriter = wakeWriter;
    }

    boolean hasRoom() {
        return inFlight.get() < SIZE;
    }

    void sent(long bytes) {
        inFlight.addAndGet(bytes);
    }

    /** The reader took {@code bytes}; wakes a writer that waits once room opens. */
    void taken(long bytes) {
        if (inFlight.addAndGet(-bytes) < SIZE && writerWaiting.get() && writerWaiting.compareAndSet(true, false)) {
            wakeWriter.run();
        }
    }

    /**
     * The writer found no room and will wait to be woken; false when room opened meanwhile (go on writing, nobody
     * will wake it).
     */
    boolean await() {
        writerWaiting.set(true);
        if (hasRoom() && writerWaiting.compareAndSet(true, false)) {
            return false;
        }
        return true;
    }
}
