package io.natsboot.server.log;

import io.natsboot.server.options.ServerOptions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the {@code io.natsboot} logger tree (which the engine reaches through {@code System.Logger}) to stderr or
 * to a log file in nats-server's format, at nats-server's levels: INFO and up; {@code [DBG]} with
 * {@link ServerOptions#isDebug()}; {@code [TRC]} with {@link ServerOptions#isTrace()} (tracing without debug shows
 * trace lines but not debug lines, as nats-server does). No other logger is touched.
 */
public final class LogSetup {

    /** The logger configured here; everything under it follows. */
    public static final String ROOT_LOGGER = "io.natsboot";

    /** Held strongly: java.util.logging forgets the settings of loggers nobody references. */
    private static final Logger ROOT = Logger.getLogger(ROOT_LOGGER);
    private static Handler installed;

    private LogSetup() {
    }

    /** Logs to stderr, or appends to {@link ServerOptions#getLogFile()} when set. */
    public static void configure(ServerOptions options) throws IOException {
        configure(options, System.err);
    }

    /**
     * Logs to {@code console}, or appends to {@link ServerOptions#getLogFile()} when set.
     *
     * @throws IOException when the log file cannot be opened; the previous setup is then left as it was
     */
    public static synchronized void configure(ServerOptions options, PrintStream console) throws IOException {
        OutputStream out;
        boolean owned;
        if (options.getLogFile() != null && !options.getLogFile().isEmpty()) {
            Path file = Path.of(options.getLogFile());
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new IOException("the directory of log file " + file + " does not exist");
            }
            out = new FileOutputStream(file.toFile(), true);
            owned = true;
        } else {
            out = console;
            owned = false;
        }
        Handler handler = new NatsLogHandler(out, owned);
        handler.setFormatter(new NatsLogFormatter(options.isLogtime(), ProcessHandle.current().pid(),
                ZoneId.systemDefault(), options.isDebug()));
        handler.setLevel(Level.ALL);
        if (options.isTrace() && !options.isDebug()) {
            handler.setFilter(r -> {
                int v = r.getLevel().intValue();
                return v >= Level.INFO.intValue() || v < Level.FINE.intValue(); // drop [DBG] lines only
            });
        }
        removeInstalled();
        ROOT.setLevel(levelFor(options));
        ROOT.setUseParentHandlers(false);
        ROOT.addHandler(handler);
        installed = handler;
    }

    /** The logger level for the options: FINEST with trace, FINE with debug, else INFO. */
    public static Level levelFor(ServerOptions options) {
        if (options.isTrace()) {
            return Level.FINEST;
        }
        return options.isDebug() ? Level.FINE : Level.INFO;
    }

    /** Undoes {@link #configure}: removes and closes the handler, gives the tree back to its parent handlers. */
    public static synchronized void reset() {
        removeInstalled();
        ROOT.setLevel(null);
        ROOT.setUseParentHandlers(true);
    }

    private static void removeInstalled() {
        if (installed != null) {
            ROOT.removeHandler(installed);
            installed.close();
            installed = null;
        }
    }
}
