package io.natsboot.server.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats {@code java.util.logging} records in nats-server's layout:
 * {@code [<pid>] 2006/01/02 15:04:05.000000 [INF] message}, or {@code [<pid>] [INF] message} without timestamps
 * ({@code -T=false}). Times are local, with microseconds.
 *
 * <p>Tags: {@link #FATAL} → {@code [FTL]}, {@code SEVERE} → {@code [ERR]}, {@code WARNING} → {@code [WRN]},
 * {@code INFO} → {@code [INF]}, {@code CONFIG}/{@code FINE} → {@code [DBG]} ({@code System.Logger} DEBUG),
 * {@code FINER}/{@code FINEST} → {@code [TRC]} ({@code System.Logger} TRACE).
 *
 * <p>A record's exception is appended to its line as {@code ": " + exception}; with {@code stackTraces} the stack
 * trace follows on the next lines.
 */
public final class NatsLogFormatter extends Formatter {

    /** A level above SEVERE for errors that stop the server; logged as {@code [FTL]}. */
    public static final Level FATAL = new FatalLevel();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");

    private final boolean logtime;
    private final String prefix;
    private final ZoneId zone;
    private final boolean stackTraces;

    /** For this process, in the system time zone, without stack traces. */
    public NatsLogFormatter(boolean logtime) {
        this(logtime, ProcessHandle.current().pid(), ZoneId.systemDefault(), false);
    }

    public NatsLogFormatter(boolean logtime, long pid, ZoneId zone, boolean stackTraces) {
        this.logtime = logtime;
        this.prefix = "[" + pid + "] ";
        this.zone = Objects.requireNonNull(zone, "zone");
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder sb = new StringBuilder(128).append(prefix);
        if (logtime) {
            Instant at = record.getInstant();
            TIME.formatTo(at.atZone(zone), sb);
            sb.append(' ');
        }
        sb.append(tag(record.getLevel())).append(' ');
        String message = formatMessage(record);
        sb.append(message == null ? "" : message);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            sb.append(": ").append(thrown);
        }
        sb.append('\n');
        if (thrown != null && stackTraces) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            sb.append(trace);
        }
        return sb.toString();
    }

    /** The bracketed nats-server tag of a level, e.g. {@code [INF]}. */
    public static String tag(Level level) {
        int v = level.intValue();
        if (v >= FATAL.intValue()) {
            return "[FTL]";
        }
        if (v >= Level.SEVERE.intValue()) {
            return "[ERR]";
        }
        if (v >= Level.WARNING.intValue()) {
            return "[WRN]";
        }
        if (v >= Level.INFO.intValue()) {
            return "[INF]";
        }
        if (v >= Level.FINE.intValue()) {
            return "[DBG]";
        }
        return "[TRC]";
    }

    private static final class FatalLevel extends Level {
        private static final long serialVersionUID = 1L;

        FatalLevel() {
            super("FATAL", 1100);
        }
    }
}
