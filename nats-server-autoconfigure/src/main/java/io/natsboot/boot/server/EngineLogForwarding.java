package io.natsboot.boot.server;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the engine's shutdown lines in the application's log. The engine logs through {@code System.Logger}, that is
 * java.util.logging, which Boot bridges to its logging system. When the JVM exits (Ctrl-C, SIGTERM), the JDK's own
 * shutdown hook resets java.util.logging, removing every handler (the bridge included), while Spring's shutdown hook
 * is still closing the context: the node's lines ({@code Server Exiting..}) then went nowhere. While the node stops
 * after such a reset, its lines are handed to Commons Logging (Spring's facade, still working) directly.
 */
final class EngineLogForwarding {

    /** The engine's logger tree. */
    static final String ENGINE_LOGGER = "io.natsboot.server";

    // held strongly: java.util.logging forgets the settings of loggers nobody references
    private static final Logger ENGINE = Logger.getLogger(ENGINE_LOGGER);

    private EngineLogForwarding() {
    }

    /**
     * Runs {@code shutdown}, forwarding the engine's lines to Commons Logging meanwhile if java.util.logging has
     * nowhere to write them.
     * @param shutdown what stops the node
     */
    static void whileStopping(Runnable shutdown) {
        if (hasHandlers()) {
            shutdown.run();
            return;
        }
        Handler forwarding = new CommonsLoggingHandler();
        ENGINE.addHandler(forwarding);
        try {
            shutdown.run();
        }
        finally {
            ENGINE.removeHandler(forwarding);
        }
    }

    private static boolean hasHandlers() {
        for (Logger logger = ENGINE; logger != null; logger = logger.getParent()) {
            if (logger.getHandlers().length > 0) {
                return true;
            }
            if (!logger.getUseParentHandlers()) {
                return false;
            }
        }
        return false;
    }

    /** Hands java.util.logging records to Commons Logging, under the same logger name. */
    private static final class CommonsLoggingHandler extends Handler {

        private final Formatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            Log log = LogFactory.getLog(record.getLoggerName());
            String message = this.formatter.formatMessage(record);
            Throwable thrown = record.getThrown();
            int level = record.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                log.error(message, thrown);
            }
            else if (level >= Level.WARNING.intValue()) {
                log.warn(message, thrown);
            }
            else if (level >= Level.INFO.intValue()) {
                log.info(message, thrown);
            }
            else if (level >= Level.FINE.intValue()) {
                log.debug(message, thrown);
            }
            else {
                log.trace(message, thrown);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

    }

}
