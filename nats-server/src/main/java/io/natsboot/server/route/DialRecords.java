package io.natsboot.server.route;

import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.options.ServerOptions;

import java.lang.System.Logger.Level;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the dials of each route URL came to: the failed attempts since the last dial that connected (logged as
 * nats-server logs them: the first and every {@code connect_error_reports}th at error level for a route that never
 * connected, every {@code reconnect_error_reports}th for one that did, the others at debug), the last error, and
 * whether a route to it was ever established. Keyed by {@code host:port}. Thread-safe.
 */
final class DialRecords {

    // its lines are the route manager's
    private static final System.Logger LOG = System.getLogger(RouteManager.class.getName());

    /** epoll's {@code finishConnect(..) failed with error(-111): }, before the text NIO gives alone. */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");

    private final int connectErrorReports;
    private final int reconnectErrorReports;
    private final Map<String, Dials> byHostPort = new ConcurrentHashMap<>();

    /** The counters of one URL; guarded by itself. */
    private static final class Dials {
        int attempts;
        boolean connectedBefore;
        boolean established;
        String lastError;
    }

    DialRecords(ServerOptions options) {
        this.connectErrorReports = orDefault(options.getConnectErrorReports(),
                ServerOptions.DEFAULT_CONNECT_ERROR_REPORTS);
        this.reconnectErrorReports = orDefault(options.getReconnectErrorReports(),
                ServerOptions.DEFAULT_RECONNECT_ERROR_REPORTS);
    }

    private static int orDefault(int value, int fallback) {
        return value > 0 ? value : fallback;
    }

    private Dials of(RouteUrl url) {
        return byHostPort.computeIfAbsent(url.hostPort(), k -> new Dials());
    }

    /** A dial of {@code url} failed: counts it and logs it. */
    void failed(RouteUrl url, Throwable cause) {
        Dials d = of(url);
        int attempt;
        boolean firstConnect;
        String error = describe(url, cause);
        synchronized (d) {
            attempt = ++d.attempts;
            firstConnect = !d.connectedBefore;
            d.lastError = error;
        }
        Level level = reported(firstConnect, attempt) ? Level.ERROR : Level.DEBUG;
        LOG.log(level, () -> "Error trying to connect to route (attempt " + attempt + "): " + error);
    }

    /** Whether nats-server reports this failed attempt at error level. */
    boolean reported(boolean firstConnect, int attempt) {
        return attempt == 1 || attempt % (firstConnect ? connectErrorReports : reconnectErrorReports) == 0;
    }

    /** The TCP connection to {@code url} is up: the count starts again, later failures are reconnects. */
    void connected(RouteUrl url) {
        Dials d = of(url);
        synchronized (d) {
            d.attempts = 0;
            d.connectedBefore = true;
            d.lastError = null;
        }
    }

    /** The connection dialled at {@code url} closed before its route was established, for {@code reason}. */
    void closedEarly(RouteUrl url, String reason) {
        Dials d = of(url);
        synchronized (d) {
            d.lastError = reason;
        }
    }

    /** A route dialled at {@code url} reached its server. */
    void established(RouteUrl url) {
        Dials d = of(url);
        synchronized (d) {
            d.established = true;
            d.lastError = null;
        }
    }

    /** {@code {attempts, established}} and the last error of {@code url}, read together. */
    Snapshot snapshot(RouteUrl url) {
        Dials d = byHostPort.get(url.hostPort());
        if (d == null) {
            return new Snapshot(0, false, null);
        }
        synchronized (d) {
            return new Snapshot(d.attempts, d.established, d.lastError);
        }
    }

    record Snapshot(int attempts, boolean established, String lastError) {
    }

    /**
     * The dial error as the log and the monitor show it: the exception's message without the native transport's
     * system-call prefix, and for a host that does not resolve, the host named as nats-server names it.
     */
    static String describe(RouteUrl url, Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        if (cause instanceof UnknownHostException) {
            return "lookup for host \"" + url.host() + "\": " + message;
        }
        return NATIVE_PREFIX.matcher(message).replaceFirst("");
    }
}
