package io.natsboot.server.connection;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;

/**
 * Picks the socket transport: Linux epoll when its native library loads, Java NIO otherwise (or when the system
 * property {@code natsboot.transport=nio} asks for it, e.g. to compare).
 */
public final class Transport {

    private static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty("natsboot.transport"))
            && Epoll.isAvailable();

    private Transport() {
    }

    public static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The channel type for connections this server dials (routes). */
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /** {@code host:port} of a listener as nats-server logs it: a wildcard bind shows as {@code 0.0.0.0}. */
    public static String hostPort(Channel listener) {
        InetSocketAddress a = (InetSocketAddress) listener.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
        return host + ":" + a.getPort();
    }
}
