package io.natsboot.server.route;

import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.connection.Keepalive;
import io.natsboot.server.connection.LastSubject;
import io.natsboot.server.connection.Outbound;
import io.natsboot.server.connection.ReadActivity;
import io.natsboot.server.delivery.RouteLink;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.json.JsonException;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.protocol.ProtocolError;
import io.natsboot.server.protocol.route.RouteConnectInfo;
import io.natsboot.server.protocol.route.RouteOpHandler;
import io.natsboot.server.protocol.route.RouteProtocolEncoder;
import io.natsboot.server.protocol.route.RouteServerInfo;
import io.natsboot.server.protocol.route.RouteProtocolDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One route to a peer server, dialled by us (solicited) or accepted: its handshake, the interest the peer announced,
 * the messages it forwards to our clients, and keepalive. Ops, timers and closing run on the connection's event
 * loop; {@link #forward} and the interest lines may come from any thread.
 */
public final class RouteConnection implements RouteOpHandler, RouteLink {

    private static final System.Logger LOG = System.getLogger(RouteConnection.class.getName());
    /** nats-server's global account: the only one natsboot has. */
    static final String GLOBAL_ACCOUNT = "$G";
    private static final byte[] GLOBAL_ACCOUNT_BYTES = GLOBAL_ACCOUNT.getBytes(StandardCharsets.ISO_8859_1);
    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long id;
    private final Channel channel;
    private final RouteManager manager;
    /** The URL we dialled, or {@code null} for an accepted route. */
    private final RouteUrl solicitedUrl;
    private final Outbound outbound;
    private final Instant start = Instant.now();
    /** The peer's interest by {@code subject} or {@code subject queue}; event loop only. */
    private final Map<String, Subscription> remoteInterest = new HashMap<>();
    private final LastSubject<Subscription> lastSubject;

    private volatile RouteServerInfo remote;
    /** For an accepted route that won over a duplicate we had dialled: that dial's URL, to re-dial on a drop. */
    private volatile RouteUrl retryUrl;
    private volatile boolean registered;
    private volatile boolean peerHeaders = true;
    private volatile long inMsgs;
    private volatile long inBytes;
    private final ReadActivity activity = new ReadActivity();
    private final Keepalive keepalive;
    private boolean closed;
    /** Why {@link #close} closed it, or {@code null} when the peer went away. */
    private volatile String closeReason;
    private final RouteLogin login;

    RouteConnection(long id, Channel channel, RouteManager manager, RouteUrl solicitedUrl) {
        this.id = id;
        this.channel = channel;
        this.manager = manager;
        this.solicitedUrl = solicitedUrl;
        this.login = new RouteLogin(this, channel, manager.routeAuth(), solicitedUrl != null);
        this.lastSubject = new LastSubject<>(manager.subjects());
        // nats-server never cuts a route for pending bytes, only when nothing at all can be written
        this.outbound = new Outbound(channel, Long.MAX_VALUE, manager.options().getWriteDeadline(),
                reason -> close("Slow Consumer (Write Deadline)"));
        this.keepalive = new Keepalive(channel, outbound, manager.options().getPingInterval().toNanos(),
                manager.options().getPingMax(), false, () -> close(ErrorTexts.STALE_CONNECTION),
                () -> describe() + " - Router Ping Timer");
    }

    /** The socket is up: a dialler sends CONNECT and INFO at once, an acceptor its INFO. On the event loop. */
    void open() {
        if (solicitedUrl != null) {
            RouteConnectInfo connect = RouteConnectInfo.of(manager.serverId(), manager.clusterName())
                    .withClusterDynamic(manager.isClusterDynamic())
                    .withTlsRequired(manager.isTls());
            if (solicitedUrl.user() != null) {
                connect = connect.withCredentials(solicitedUrl.user(), solicitedUrl.password());
            }
            outbound.writeControl(RouteProtocolEncoder.connect(connect.toJson()));
        }
        outbound.writeControl(RouteProtocolEncoder.info(manager.routeInfo().toJson()));
        outbound.flush();
        login.begin();
        keepalive.start(FIRST_PING_NANOS);
    }

    @Override
    public void onConnect(String json) {
        RouteConnectInfo connect;
        try {
            connect = RouteConnectInfo.parse(json);
        } catch (JsonException e) {
            close("Bad route CONNECT: " + e.getMessage());
            return;
        }
        if (closed) {
            return;
        }
        if (!login.connect(connect.user(), connect.pass())) {
            return;
        }
        if (connect.lang() != null && !connect.lang().isEmpty()) {
            sendErrAndClose("attempted to connect to route port", "a client dialled the route port");
        }
    }

    @Override
    public void onInfo(String json) {
        if (login.refusedBeforeConnect()) {
            return;
        }
        RouteServerInfo info;
        try {
            info = RouteServerInfo.parse(json);
        } catch (JsonException e) {
            close("Bad route INFO: " + e.getMessage());
            return;
        }
        if (info.serverId() == null) {
            // nats-server 2.9 takes an INFO without server_id as the id "" (and registers the route under it)
            info = info.toBuilder().serverId("").build();
        }
        RouteServerInfo known = remote;
        if (known == null) {
            firstInfo(info);
        } else if (info.serverId().equals(known.serverId())) {
            remote = info;
            manager.peerInfoChanged(this, info);
        } else {
            // an INFO about some other server: gossip, dial it if we do not know it yet
            manager.gossipReceived(info);
        }
    }

    private void firstInfo(RouteServerInfo info) {
        if (info.serverId().equals(manager.serverId())) {
            if (solicitedUrl != null) {
                manager.markSelf(solicitedUrl);
            }
            close("Detected route to self, ignoring");
            return;
        }
        String mismatch = manager.negotiateClusterName(info);
        if (mismatch != null) {
            if (solicitedUrl == null) {
                sendErrAndClose(mismatch, mismatch);
            } else {
                close(mismatch);
            }
            return;
        }
        remote = info;
        peerHeaders = info.headers();
        if (!manager.register(this)) {
            close("Duplicate Route");
            return;
        }
        registered = true;
    }

    @Override
    public void onPing() {
        if (login.refusedBeforeConnect()) {
            return;
        }
        outbound.writeControl(RouteProtocolEncoder.PONG);
    }

    @Override
    public void onPong() {
        if (login.refusedBeforeConnect()) {
            return;
        }
        keepalive.pong();
    }

    @Override
    public void onOk() {
    }

    @Override
    public void onErr(String text) {
        close("Remote error: " + text);
    }

    @Override
    public void onRemoteSub(String account, String subject, String queue, int weight) {
        if (login.refusedBeforeConnect()) {
            return;
        }
        if (!GLOBAL_ACCOUNT.equals(account) || !registered || closed) {
            // other accounts ($SYS) do not exist here; nats-server ignores unknown accounts too. A released route
            // (its socket ended, the decoder still emptying its buffer) must not put interest back
            return;
        }
        String key = queue == null ? subject : subject + ' ' + queue;
        Subscription existing = remoteInterest.get(key);
        if (existing != null) {
            existing.setWeight(weight);
            return;
        }
        Subscription sub = Subscription.remote(this, subject, queue, weight);
        if (manager.subjects().insert(subject, queue, sub)) {
            remoteInterest.put(key, sub);
        }
    }

    @Override
    public void onRemoteUnsub(String account, String subject, String queue) {
        if (login.refusedBeforeConnect()) {
            return;
        }
        if (!GLOBAL_ACCOUNT.equals(account)) {
            return;
        }
        Subscription sub = remoteInterest.remove(queue == null ? subject : subject + ' ' + queue);
        if (sub != null) {
            manager.subjects().remove(subject, queue, sub);
        }
    }

    @Override
    public void onRouteMessage(String account, String subject, String replyTo, List<String> queues, int headerSize,
                               ByteBuf message) {
        if (login.refusedBeforeConnect()) {
            return;
        }
        activity.seen();
        inMsgs++;
        inBytes += message.readableBytes();
        if (!GLOBAL_ACCOUNT.equals(account)) {
            return;
        }
        LastSubject<Subscription> target = lastSubject.set(subject);
        manager.router().deliverFromRoute(target.match(), target.bytes(), replyTo, queues, headerSize, message);
    }

    @Override
    public void onProtocolError(ProtocolError error) {
        close("Route protocol error: " + error);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public void forward(byte[] subject, byte[] replyTo, List<String> queues, int headerSize, ByteBuf message) {
        if (headerSize >= 0 && !peerHeaders) {
            message = message.slice(message.readerIndex() + headerSize, message.readableBytes() - headerSize);
            headerSize = -1;
        }
        outbound.writeRouteMessage(GLOBAL_ACCOUNT_BYTES, subject, replyTo, queues, headerSize, message);
    }

    /** Queues an RS+/RS- or INFO line. Any thread. */
    void send(byte[] line) {
        outbound.writeControl(line);
    }

    Outbound outbound() {
        return outbound;
    }

    /** Whether the route is closing or closed. Event loop. */
    boolean isClosed() {
        return closed;
    }

    void sendErrAndClose(String errText, String reason) {
        outbound.writeControl(ProtocolEncoder.err(errText));
        close(reason);
    }

    /** Closes the route after flushing what is queued. On the event loop; idempotent. */
    void close(String reason) {
        if (closed) {
            return;
        }
        LOG.log(Level.DEBUG, () -> describe() + " - Closing: " + reason);
        closeReason = reason;
        outbound.seal();
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        release();
    }

    /** The socket went away: called from the close future, in the same event-loop turn. */
    void channelClosed() {
        release();
        outbound.close();
    }

    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        // as nats-server: a route's end is a notice, with its reason in nats-server's words
        LOG.log(Level.INFO, () -> describe() + " - Router connection closed: " + closedState(closeReason));
        keepalive.stop();
        login.cancelTimer();
        // everything this peer was interested in goes with it
        for (Map.Entry<String, Subscription> e : remoteInterest.entrySet()) {
            Subscription sub = e.getValue();
            manager.subjects().remove(sub.subject(), sub.queue(), sub);
        }
        remoteInterest.clear();
        manager.routeClosed(this, registered);
    }

    /** nats-server's name for why a route closed ({@code ClosedState}), from natsboot's own reason. */
    static String closedState(String reason) {
        if (reason == null) {
            return "Client Closed"; // the peer closed it
        }
        return switch (reason) {
            case "Read Error", "Stale Connection", "Slow Consumer (Write Deadline)", "Duplicate Route",
                 "Server Shutdown", "Authentication Timeout", "Authentication Failure" -> reason;
            case "Detected route to self, ignoring" -> "Duplicate Route";
            case "a client dialled the route port" -> "Wrong Port";
            case "TLS Handshake Failure" -> "TLS Handshake Error";
            // what is left is the refusal of a peer whose fixed cluster name differs (ClusterName.settle)
            default -> reason.startsWith("Remote error: ") ? "Parse Error"
                    : reason.startsWith("Bad route ") || reason.startsWith("Route protocol error: ")
                    ? "Protocol Violation" : "Cluster Name Conflict";
        };
    }

    String describe() {
        InetSocketAddress a = remoteAddress();
        return (a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort()) + " - rid:" + id;
    }

    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    /** The peer's INFO, or {@code null} before the handshake. */
    public RouteServerInfo remote() {
        return remote;
    }

    public boolean isSolicited() {
        return solicitedUrl != null;
    }

    /** Why this side closed the route, or {@code null} when the peer closed it (or it is open). */
    String closeReason() {
        return closeReason;
    }

    RouteUrl solicitedUrl() {
        return solicitedUrl;
    }

    void retryUrl(RouteUrl url) {
        if (solicitedUrl == null) {
            retryUrl = url;
        }
    }

    /** The URL to re-dial if this route drops: the one we dialled, or that of a duplicate it replaced. */
    RouteUrl redialUrl() {
        return solicitedUrl != null ? solicitedUrl : retryUrl;
    }

    public boolean isRegistered() {
        return registered;
    }

    public Instant start() {
        return start;
    }

    /** The ops of one read have been handled. */
    void readComplete() {
        activity.readEnded();
    }

    /** When the peer last sent a message, on the wall clock of {@code now}. */
    public Instant lastActivity(Instant now) {
        return activity.last(start, now);
    }

    /** The round trip of the last PING answered, 0 before the first PONG (about 1 s after the route is up). */
    public long rttNanos() {
        return keepalive.rttNanos();
    }

    public long inMsgs() {
        return inMsgs;
    }

    public long inBytes() {
        return inBytes;
    }

    public long outMsgs() {
        return outbound.outMsgs();
    }

    public long outBytes() {
        return outbound.outBytes();
    }

    public int subscriptionCount() {
        return remoteInterest.size();
    }

    Channel channel() {
        return channel;
    }
}
