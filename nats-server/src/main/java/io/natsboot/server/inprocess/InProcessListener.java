package io.natsboot.server.inprocess;

import io.natsboot.server.connection.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.SocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A server's in-process listener: Netty's in-VM transport, registered in this JVM under the server's name, so that
 * several servers in one JVM are told apart. Clients reach it through {@link InProcessPipe} with the URL
 * {@link #url()}, {@code nats://<name>.in-process.invalid} ({@code .invalid} never resolves, so the URL cannot
 * reach anything over the network by mistake).
 *
 * <p>Both ends of every in-process connection live on this listener's one event loop: a write then hands its buffer
 * to the other end's pipeline in the same call, with no task and no thread switch in between.
 */
public final class InProcessListener implements AutoCloseable {

    /** The URL host of an in-process server is its name followed by this. */
    public static final String HOST_SUFFIX = ".in-process.invalid";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Map<String, InProcessListener> BY_NAME = new ConcurrentHashMap<>();

    private final String key;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Map<SocketAddress, PipeLink> links = new ConcurrentHashMap<>();

    private InProcessListener(String key, EventLoopGroup group, Channel serverChannel) {
        this.key = key;
        this.group = group;
        this.serverChannel = serverChannel;
    }

    /**
     * Binds the listener under {@code serverName}, or under {@code serverId} when that name is taken by another
     * server of this JVM or cannot be a URL host. Each accepted connection gets {@code clientPipeline}, after the
     * in-process end's own handler.
     */
    public static InProcessListener bind(String serverName, String serverId, ChannelHandler clientPipeline) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("nats-inproc", true),
                LocalIoHandler.newFactory());
        String key = HOST_NAME.matcher(serverName).matches() ? serverName.toLowerCase(Locale.ROOT)
                : serverId.toLowerCase(Locale.ROOT);
        InProcessListener[] made = new InProcessListener[1];
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(LocalServerChannel.class)
                .childOption(ChannelOption.ALLOCATOR, Transport.allocator())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        PipeLink link = made[0].links.remove(ch.remoteAddress());
                        if (link == null) {
                            ch.close();
                            return;
                        }
                        ch.pipeline().addLast(new ServerPipeEnd(link), clientPipeline);
                    }
                });
        if (BY_NAME.containsKey(key)) {
            key = serverId.toLowerCase(Locale.ROOT);
        }
        ChannelFuture bound = bootstrap.bind(new LocalAddress("natsboot-server-" + key)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot open the in-process listener of " + serverName, bound.cause());
        }
        InProcessListener listener = new InProcessListener(key, group, bound.channel());
        made[0] = listener;
        if (BY_NAME.putIfAbsent(key, listener) != null) {
            listener.close();
            listener.shutdownLoop();
            throw new IllegalStateException("another server of this JVM listens in-process as " + key);
        }
        return listener;
    }

    /** The listener a URL host names, or {@code null}. */
    static InProcessListener lookup(String host) {
        String key = keyOf(host);
        return key == null ? null : BY_NAME.get(key);
    }

    /** Whether {@code host} is the host of an in-process URL (whether or not such a server runs now). */
    public static boolean isInProcessHost(String host) {
        return keyOf(host) != null;
    }

    private static String keyOf(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(HOST_SUFFIX) && h.length() > HOST_SUFFIX.length()
                ? h.substring(0, h.length() - HOST_SUFFIX.length()) : null;
    }

    /** {@code nats://<name>.in-process.invalid}: the URL in-process clients of this server use. */
    public String url() {
        return "nats://" + key + HOST_SUFFIX;
    }

    EventLoopGroup loop() {
        return group;
    }

    SocketAddress address() {
        return serverChannel.localAddress();
    }

    void expect(SocketAddress client, PipeLink link) {
        links.put(client, link);
    }

    void forget(SocketAddress client) {
        links.remove(client);
    }

    /** Stops accepting; connections already made stay until the server closes them. Idempotent. */
    @Override
    public void close() {
        BY_NAME.remove(key, this);
        serverChannel.close().awaitUninterruptibly();
    }

    /** Ends the loop both ends ran on (last, after the server closed its connections). */
    public void shutdownLoop() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
