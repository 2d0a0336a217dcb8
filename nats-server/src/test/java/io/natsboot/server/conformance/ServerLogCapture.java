package io.natsboot.server.conformance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the warnings and errors natsboot and Netty log (through java.util.logging) while it is open, so that a
 * test can show that no exception escaped into the server.
 */
final class ServerLogCapture extends Handler implements AutoCloseable {

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    ServerLogCapture() {
        setLevel(Level.WARNING);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        boolean ours = logger.startsWith("io.natsboot") || logger.startsWith("io.netty");
        if (ours && (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null)) {
            problems.add(record.getLevel() + " " + logger + ": " + record.getMessage()
                    + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
        }
    }

    /** What was logged at WARNING or above, or with an exception. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
