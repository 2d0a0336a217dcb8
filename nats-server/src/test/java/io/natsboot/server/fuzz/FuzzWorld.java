package io.natsboot.server.fuzz;

import io.natsboot.server.ServerServices;
import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.delivery.ServerStats;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClientHandler;
import io.natsboot.server.client.ClientServices;
import io.natsboot.server.delivery.MessageRouter;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.route.RouteManager;
import io.natsboot.server.route.RoutePipelines;
import io.natsboot.server.subject.SubjectTree;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A whole server for one fuzz input, on embedded channels: the real decoders, connections and handlers, a fresh
 * subject tree and router, and (for routes) a real {@link RouteManager}; no sockets, no threads, virtual time, so an
 * input always does the same thing. Closing it closes every channel and then checks what the input did: no
 * exception reached a pipeline or a log, every byte sent is a known op, and every buffer was released.
 */
final class FuzzWorld implements AutoCloseable {

    /** Small limits, so that short inputs reach the limit paths. */
    static final int MAX_PAYLOAD = 64;
    static final int MAX_CONTROL_LINE = 96;
    static final int MAX_SUBSCRIPTIONS = 6;
    static final long MAX_PENDING = 512;
    static final Duration PING_INTERVAL = Duration.ofSeconds(2);
    /** Route decoder limits (nats-server has none; natsboot bounds them to keep memory bounded). */
    static final int ROUTE_MAX_CONTROL_LINE = 160;
    static final int ROUTE_MAX_PAYLOAD = 128;
    static final String SERVER_ID = "NFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZFUZZ";
    static final String CLUSTER = "fuzz";

    /** {@code -Dfuzz.print=true}: print what every connection was sent (to look at what an input does). */
    private static final boolean PRINT = Boolean.getBoolean("fuzz.print");

    private static final String INFO = "{\"server_id\":\"" + SERVER_ID + "\",\"server_name\":\"fuzz\","
            + "\"version\":\"2.9.10\",\"proto\":1,\"headers\":true,\"max_payload\":" + MAX_PAYLOAD + "}";

    private final TrackingAllocator alloc = new TrackingAllocator();
    private final ServerOptions options = new ServerOptions()
            .setMaxPayload(MAX_PAYLOAD)
            .setMaxControlLine(MAX_CONTROL_LINE)
            .setMaxSubscriptions(MAX_SUBSCRIPTIONS)
            .setMaxPending(MAX_PENDING)
            .setPingInterval(PING_INTERVAL)
            .setPingMax(2);
    private final AtomicLong ids = new AtomicLong();
    private final List<Peer> peers = new ArrayList<>();
    private final List<Throwable> exceptions = new ArrayList<>();
    private final ServerServices services = new ServerServices(options, this::infoJson, this::routeManager);
    private RouteManager routes;

    FuzzWorld() {
        this(options -> { });
    }

    /** A world whose options (authorization, route auth) {@code configure} adds to the small fuzzing limits. */
    FuzzWorld(Consumer<ServerOptions> configure) {
        options.getCluster().setName(CLUSTER);
        configure.accept(options);
        // bcrypt checks run inline, so an input behaves the same every time; the connection still goes on with the
        // result through its channel's task queue, as on a real event loop
        services.useAuthenticator(new Authenticator(options), Runnable::run);
    }

    private String infoJson(ClientConnection connection) {
        if (!options.getAuthorization().isConfigured()) {
            return INFO;
        }
        // what a client must know to log in; the oracle does not look inside INFO
        String nonce = connection.nonce() == null ? "" : ",\"nonce\":\"" + connection.nonce() + "\"";
        return INFO.substring(0, INFO.length() - 1) + ",\"auth_required\":true" + nonce + "}";
    }

    /** A client connection, accepted (it has been sent INFO). */
    Peer client() {
        EmbeddedChannel ch = newChannel();
        ClientConnection connection = new ClientConnection(ids.incrementAndGet(), ch, services);
        ClientProtocolDecoder decoder = connection.newDecoder(options.getMaxControlLine(), MAX_PAYLOAD);
        ch.pipeline().addLast(decoder, new ExceptionRecorder(), new ClientHandler(connection));
        return register(new Peer(ch, false));
    }

    /**
     * A route connection: accepted ({@code solicited} false; it has sent its INFO) or dialled by us (it has sent
     * CONNECT and INFO). The route manager is started on first use; it dials nothing (no seeds, and its timers run
     * on an event loop nobody runs).
     */
    Peer route(boolean solicited) {
        if (routes == null) {
            EmbeddedChannel idle = new EmbeddedChannel();
            routes = new RouteManager(options, SERVER_ID, "fuzz", services.subjects(), services.router(),
                    idle.eventLoop(),
                    idle.eventLoop(), List.of("127.0.0.1:4222"), ids, urls -> { });
            routes.start();
        }
        EmbeddedChannel ch = newChannel();
        RoutePipelines.attach(ch, routes, ids.incrementAndGet(), solicited ? "nats-route://127.0.0.1:6222" : null,
                ROUTE_MAX_CONTROL_LINE, ROUTE_MAX_PAYLOAD, new ExceptionRecorder());
        return register(new Peer(ch, true));
    }

    /** The route manager, once {@link #route} was called. */
    RouteManager routeManager() {
        return routes;
    }

    private EmbeddedChannel newChannel() {
        EmbeddedChannel ch = new SocketLike(peers.size() + 1);
        ch.config().setAllocator(alloc);
        return ch;
    }

    private Peer register(Peer peer) {
        peers.add(peer);
        try {
            peer.channel.register();
            peer.channel.freezeTime();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        settle();
        return peer;
    }

    /** Runs every queued task on every channel until none is left (a task may queue work on another channel). */
    void settle() {
        for (int round = 0; round < 1000; round++) {
            boolean more = false;
            for (Peer p : peers) {
                p.channel.runPendingTasks();
                p.drain();
                more |= p.channel.hasPendingTasks();
            }
            if (!more) {
                return;
            }
        }
        throw new AssertionError("tasks keep coming after 1000 rounds");
    }

    /** Moves virtual time on, so that ping and write-deadline timers fire. */
    void advance(long seconds) {
        for (Peer p : peers) {
            p.channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        }
        settle();
    }

    /** Closes everything, then fails if the input made anything escape, leak or go out malformed. */
    @Override
    public void close() {
        try {
            settle();
            for (Peer p : peers) {
                p.channel.close();
            }
            settle();
            if (routes != null) {
                routes.shutdown();
            }
            for (Peer p : peers) {
                p.drain();
                p.channel.finishAndReleaseAll();
                // what reached the end of a pipeline (the handlers keep exceptions, so normally nothing)
                p.channel.checkException();
            }
            if (!exceptions.isEmpty()) {
                AssertionError e = new AssertionError("an exception reached the pipeline", exceptions.get(0));
                exceptions.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
            for (Peer p : peers) {
                if (PRINT) {
                    System.out.println((p.route ? "route " : "client ") + p.channel.remoteAddress() + " got:\n"
                            + new String(p.output(), StandardCharsets.ISO_8859_1));
                }
                if (p.route) {
                    Replies.checkRoute(p.output());
                } else {
                    Replies.checkClient(p.output());
                }
            }
            List<String> leaks = alloc.unreleased();
            if (!leaks.isEmpty()) {
                throw new AssertionError("buffers not released: " + leaks);
            }
        } finally {
            alloc.releaseAll();
        }
    }

    /** One connection and everything written to it. */
    final class Peer {
        final EmbeddedChannel channel;
        final boolean route;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Peer(EmbeddedChannel channel, boolean route) {
            this.channel = channel;
            this.route = route;
        }

        /** Delivers bytes as one read; false when the connection is already closed. */
        boolean write(byte[] bytes, int from, int to) {
            if (!channel.isOpen()) {
                return false;
            }
            ByteBuf buf = alloc.buffer(Math.max(1, to - from));
            buf.writeBytes(bytes, from, to - from);
            channel.writeInbound(buf);
            settle();
            return true;
        }

        boolean write(String ascii) {
            byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
            return write(b, 0, b.length);
        }

        void drain() {
            Object o;
            while ((o = channel.readOutbound()) != null) {
                if (!(o instanceof ByteBuf b)) {
                    throw new AssertionError("not a ByteBuf written: " + o.getClass());
                }
                try {
                    b.readBytes(out, b.readableBytes());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    b.release();
                }
            }
        }

        byte[] output() {
            return out.toByteArray();
        }

        String outputString() {
            return new String(output(), StandardCharsets.ISO_8859_1);
        }
    }

    /** An embedded channel with IP addresses, as the engine sees on real sockets (it logs and gossips them). */
    private static final class SocketLike extends EmbeddedChannel {
        private final InetSocketAddress remote;

        SocketLike(int n) {
            super(false, false);
            remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000 + n);
        }

        // an accepted socket knows its addresses from the start, and still after it closed
        @Override
        protected SocketAddress localAddress0() {
            return LOCAL;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4222);

    /** Between a decoder and its handler: notes every exception on its way to the handler (which swallows it). */
    @ChannelHandler.Sharable
    private final class ExceptionRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
            ctx.fireExceptionCaught(cause);
        }
    }
}
