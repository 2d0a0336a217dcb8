package io.natsboot.server.monitor;

import io.natsboot.server.options.ServerStartException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener of the monitoring endpoints, on an event loop of its own (one thread) so a slow scrape never
 * delays client traffic. Start once, close once; thread-safe.
 */
public final class MonitorServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MonitorServer.class.getName());
    /** Requests are a line and a few headers; anything larger is not a monitoring request. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel listener;
    private final int port;

    private MonitorServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Binds {@code host:port} (0 = ephemeral) and serves {@code monitor}'s documents; returns once it accepts.
     *
     * @throws ServerStartException when the port cannot be bound
     */
    public static MonitorServer start(Monitor monitor, String host, int port) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("nats-http", true),
                NioIoHandler.newFactory());
        MonitorHandler handler = new MonitorHandler(monitor);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                handler);
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new ServerStartException("Can't start monitoring: can't listen to the monitor port: " + host + ":"
                    + port + ", \"" + bound.cause().getMessage() + "\"", bound.cause());
        }
        MonitorServer server = new MonitorServer(group, bound.channel());
        LOG.log(Level.INFO, "Starting http monitor on " + hostPort(host, server.port()));
        return server;
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** Stops listening and closes every monitoring connection. Idempotent. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
