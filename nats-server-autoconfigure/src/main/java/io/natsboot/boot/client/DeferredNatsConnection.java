package io.natsboot.boot.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Connection} whose first connect runs in the background and retries until a server answers, so the
 * application starts while none is reachable ({@code nats.client.fail-on-startup=false}). jnats hands its connection
 * out only through listeners, so this proxy catches it from the first listener call and delegates to it from then on;
 * before that, only status, options, drain and close work, and other calls fail with {@link IllegalStateException}.
 */
public final class DeferredNatsConnection implements InvocationHandler {

    private static final Log logger = LogFactory.getLog(DeferredNatsConnection.class);

    private final Options options;

    private final CompletableFuture<Connection> connection = new CompletableFuture<>();

    private volatile boolean closed;

    private DeferredNatsConnection(Options options) {
        this.options = options;
    }

    /**
     * Starts connecting in the background and returns the connection at once.
     * @param options the connection options
     * @return a connection that delegates to the real one once a server answered
     * @throws InterruptedException when interrupted while starting
     */
    public static Connection connect(Options options) throws InterruptedException {
        DeferredNatsConnection handler = new DeferredNatsConnection(options);
        Options.Builder builder = new Options.Builder(options);
        builder.errorListener(catching(ErrorListener.class, options.getErrorListener(), handler));
        builder.connectionListener(catching(ConnectionListener.class, options.getConnectionListener(), handler));
        Nats.connectAsynchronously(builder.build(), true);
        return (Connection) Proxy.newProxyInstance(DeferredNatsConnection.class.getClassLoader(),
                new Class<?>[] { Connection.class }, handler);
    }

    // A listener that passes every call on to the application's, after noting the connection it was called for.
    private static <T> T catching(Class<T> type, @Nullable T delegate, DeferredNatsConnection handler) {
        return type.cast(Proxy.newProxyInstance(DeferredNatsConnection.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, args, type.getSimpleName());
                    }
                    if (args != null && args.length > 0 && args[0] instanceof Connection c) {
                        handler.caught(c);
                    }
                    if (delegate == null) {
                        return null;
                    }
                    return call(delegate, method, args);
                }));
    }

    private void caught(Connection real) {
        if (this.connection.complete(real) && this.closed) {
            // closed before jnats handed the connection out: close it off the listener's thread
            Thread closer = new Thread(() -> closeQuietly(real), "nats-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args, "DeferredNatsConnection");
        }
        Connection real = this.connection.getNow(null);
        if (real != null) {
            if (method.getName().equals("close")) {
                this.closed = true;
            }
            return call(real, method, args);
        }
        return switch (method.getName()) {
            case "getStatus" -> this.closed ? Connection.Status.CLOSED : Connection.Status.CONNECTING;
            case "getOptions" -> this.options;
            case "getConnectedUrl", "getServerInfo", "getLastError" -> null;
            case "drain" -> CompletableFuture.completedFuture(true);
            case "close" -> {
                this.closed = true;
                yield null;
            }
            default -> throw new IllegalStateException(
                    "The NATS connection is not established yet (nats.client.fail-on-startup=false)");
        };
    }

    private static @Nullable Object call(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object @Nullable [] args, String name) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> name + "@" + Integer.toHexString(System.identityHashCode(proxy));
        };
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            logger.debug("Could not close the NATS connection", ex);
        }
    }

}
