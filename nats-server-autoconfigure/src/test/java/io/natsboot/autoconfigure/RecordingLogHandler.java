package io.natsboot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the log records of one of the engine's loggers, so a test can wait for what the node logged.
 */
final class RecordingLogHandler extends Handler {

    private final List<String> messages = new CopyOnWriteArrayList<>();

    private final Logger logger;

    private RecordingLogHandler(Logger logger) {
        this.logger = logger;
    }

    static RecordingLogHandler install(String name) {
        Logger logger = Logger.getLogger(name);
        RecordingLogHandler handler = new RecordingLogHandler(logger);
        logger.addHandler(handler);
        return handler;
    }

    boolean contains(String text) {
        return this.messages.stream().anyMatch((message) -> message.contains(text));
    }

    void uninstall() {
        this.logger.removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        this.messages.add(String.valueOf(record.getMessage()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

}
