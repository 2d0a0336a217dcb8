package io.natsboot.server.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records, while open, the log records one java.util.logging logger (and its children) hands over that match what
 * the recorder was made for; the engine and Netty log through java.util.logging. Close it to detach it and undo what
 * it changed (the logger's level, silenced console handlers).
 */
public final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private boolean levelLowered;
    private final Predicate<LogRecord> keep;
    private final List<LogRecord> records = new ArrayList<>();
    private final List<Handler> silenced = new ArrayList<>();
    private final List<Level> silencedLevels = new ArrayList<>();

    /**
     * Records what {@code loggerName} logs at {@code level} or above, lowering the logger's level to {@code level}
     * while open if it is higher.
     */
    public LogRecorder(String loggerName, Level level) {
        this(Logger.getLogger(loggerName), r -> r.getLevel().intValue() >= level.intValue());
        setLevel(level);
        if (previousLevel == null || previousLevel.intValue() > level.intValue()) {
            logger.setLevel(level);
            levelLowered = true;
        }
    }

    private LogRecorder(Logger logger, Predicate<LogRecord> keep) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.keep = keep;
        logger.addHandler(this);
    }

    /** Records everything {@code loggerName} logs at the level it has (INFO and above unless configured). */
    public static LogRecorder everything(String loggerName) {
        return new LogRecorder(Logger.getLogger(loggerName), r -> true);
    }

    /**
     * Records what the engine and Netty log at WARNING or above or with an exception, so that a test can show that
     * nothing escaped into the server.
     */
    public static LogRecorder serverProblems() {
        return new LogRecorder(Logger.getLogger(""), r -> {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            boolean ours = name.startsWith("io.natsboot") || name.startsWith("io.netty");
            return ours && (r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null);
        });
    }

    /**
     * Records every log record that carries an exception, and keeps the console quiet meanwhile (the engine logs
     * every refused client): for fuzzing, where a caught and logged exception has still escaped the engine's control
     * (Netty logs failed event-loop tasks this way).
     */
    public static LogRecorder exceptionsSilencingConsole() {
        Logger root = Logger.getLogger("");
        LogRecorder recorder = new LogRecorder(root, r -> r.getThrown() != null);
        for (Handler h : root.getHandlers()) {
            if (h != recorder) {
                recorder.silenced.add(h);
                recorder.silencedLevels.add(h.getLevel());
                h.setLevel(Level.OFF);
            }
        }
        return recorder;
    }

    /** {@code LEVEL message} lines, in order. */
    public synchronized List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    /** {@code LEVEL logger: message}, followed by {@code (exception)} when one was logged, in order. */
    public synchronized List<String> problems() {
        return records.stream().map(r -> r.getLevel() + " " + (r.getLoggerName() == null ? "" : r.getLoggerName())
                + ": " + r.getMessage() + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")")).toList();
    }

    /** Whether a message recorded so far contains {@code text}. */
    public synchronized boolean contains(String text) {
        return records.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains(text));
    }

    /** Fails with the first record carrying an exception recorded since the last call, if any. */
    public synchronized void assertNoExceptionLogged() {
        LogRecord first = records.stream().filter(r -> r.getThrown() != null).findFirst().orElse(null);
        records.clear();
        if (first != null) {
            throw new AssertionError("an exception was logged by " + first.getLoggerName() + ": "
                    + first.getMessage(), first.getThrown());
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (keep.test(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        if (levelLowered) {
            logger.setLevel(previousLevel);
        }
        for (int i = 0; i < silenced.size(); i++) {
            silenced.get(i).setLevel(silencedLevels.get(i));
        }
    }
}
