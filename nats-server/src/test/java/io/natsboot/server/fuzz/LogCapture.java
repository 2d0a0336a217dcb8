package io.natsboot.server.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * While fuzzing: keeps the console quiet (the engine logs every refused client) and notes every log record that
 * carries an exception, as an exception that a task or handler caught and logged has still escaped the engine's
 * control (Netty logs failed event-loop tasks this way).
 */
final class LogCapture extends Handler {

    private final Logger root = Logger.getLogger("");
    private final List<Level> consoleLevels = new ArrayList<>();
    private final List<LogRecord> thrown = new ArrayList<>();

    static LogCapture install() {
        LogCapture capture = new LogCapture();
        for (Handler h : capture.root.getHandlers()) {
            capture.consoleLevels.add(h.getLevel());
            h.setLevel(Level.OFF);
        }
        capture.root.addHandler(capture);
        return capture;
    }

    void uninstall() {
        root.removeHandler(this);
        Handler[] handlers = root.getHandlers();
        for (int i = 0; i < handlers.length && i < consoleLevels.size(); i++) {
            handlers[i].setLevel(consoleLevels.get(i));
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getThrown() != null) {
            thrown.add(record);
        }
    }

    /** Fails if an exception was logged since the last call. */
    synchronized void check() {
        if (thrown.isEmpty()) {
            return;
        }
        LogRecord first = thrown.get(0);
        thrown.clear();
        throw new AssertionError("an exception was logged by " + first.getLoggerName() + ": " + first.getMessage(),
                first.getThrown());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
