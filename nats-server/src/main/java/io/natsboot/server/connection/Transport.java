package io.natsboot.server.connection;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;

import java.net.InetSocketAddress;

/**
 * Picks the socket transport: Linux epoll (or io_uring) when its native jar is on the class path and loads, Java NIO
 * otherwise. The system property {@code natsboot.transport} asks for one ({@code nio}, {@code epoll},
 * {@code io_uring}); without it epoll is tried first, then io_uring.
 *
 * <p>The native transports are looked up by name, so this module compiles and runs without them under whatever
 * Netty version the application manages: adding {@code netty-transport-native-epoll} (classifier
 * {@code linux-x86_64} or {@code linux-aarch_64}) of that version is all it takes to switch.
 */
public final class Transport {

    private static final String EPOLL = "io.netty.channel.epoll.Epoll";
    private static final String IO_URING = "io.netty.channel.uring.IoUring";

    private static final Native NATIVE = choose(System.getProperty("natsboot.transport", ""));

    private Transport() {
    }

    public static IoHandlerFactory ioHandlerFactory() {
        return NATIVE != null ? NATIVE.ioHandlerFactory() : NioIoHandler.newFactory();
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return NATIVE != null ? NATIVE.serverChannel : NioServerSocketChannel.class;
    }

    /** The channel type for connections this server dials (routes). */
    public static Class<? extends SocketChannel> socketChannel() {
        return NATIVE != null ? NATIVE.socketChannel : NioSocketChannel.class;
    }

    /**
     * The buffers of client and route channels: Netty's pooled allocator rather than 4.2's default adaptive one. Every
     * delivered message is copied into an outbound buffer, and the adaptive buffers copy small pieces through a new
     * NIO view each time; with the pooled ones a 16-byte message routed between two nodes took a third less server
     * CPU (docs/performance.md, "What each optimisation bought").
     */
    public static ByteBufAllocator allocator() {
        return PooledByteBufAllocator.DEFAULT;
    }

    public static String name() {
        return NATIVE != null ? NATIVE.name : "nio";
    }

    /** The wanted native transport first, the other one next; null (NIO) when neither loads or NIO is wanted. */
    private static Native choose(String wanted) {
        if ("nio".equalsIgnoreCase(wanted)) {
            return null;
        }
        List<String> order = "io_uring".equalsIgnoreCase(wanted) ? List.of(IO_URING, EPOLL) : List.of(EPOLL, IO_URING);
        for (String availabilityClass : order) {
            Native loaded = load(availabilityClass);
            if (loaded != null) {
                return loaded;
            }
        }
        return null;
    }

    /**
     * A native transport whose classes follow Netty's naming ({@code Epoll}, {@code EpollIoHandler},
     * {@code EpollServerSocketChannel}, {@code EpollSocketChannel}), or null when its jar is absent or its native
     * library does not load here.
     */
    private static Native load(String availabilityClass) {
        try {
            ClassLoader loader = Transport.class.getClassLoader();
            Class<?> availability = Class.forName(availabilityClass, true, loader);
            if (!(Boolean) availability.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            Class<?> handler = Class.forName(availabilityClass + "IoHandler", true, loader);
            return new Native(availabilityClass.equals(EPOLL) ? "epoll" : "io_uring", handler,
                    Class.forName(availabilityClass + "ServerSocketChannel", false, loader).asSubclass(ServerChannel.class),
                    Class.forName(availabilityClass + "SocketChannel", false, loader).asSubclass(SocketChannel.class));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }

    private record Native(String name, Class<?> handler, Class<? extends ServerChannel> serverChannel,
                          Class<? extends SocketChannel> socketChannel) {

        IoHandlerFactory ioHandlerFactory() {
            try {
                return (IoHandlerFactory) handler.getMethod("newFactory").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Netty's " + name + " transport loaded but cannot make its handler", e);
            }
        }
    }

    /** {@code host:port} of a listener as nats-server logs it: a wildcard bind shows as {@code 0.0.0.0}. */
    public static String hostPort(Channel listener) {
        InetSocketAddress a = (InetSocketAddress) listener.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
        return host + ":" + a.getPort();
    }
}
