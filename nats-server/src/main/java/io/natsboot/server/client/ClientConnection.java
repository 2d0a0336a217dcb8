package io.natsboot.server.client;

import io.natsboot.server.connection.Keepalive;
import io.natsboot.server.connection.Outbound;
import io.natsboot.server.connection.PausedReads;
import io.natsboot.server.delivery.Receiver;
import io.natsboot.server.delivery.Subscription;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.netty.channel.Channel;
import io.netty.channel.local.LocalAddress;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * One client: its parts, what it is and how it ends. The ops its decoder reads go to {@link ClientOps}, which hands
 * them to {@link ClientLogin} (auth timer and credential check), {@link ClientSession} (CONNECT in effect),
 * {@link ClientSubscriptions}, {@link PublishPolicy}, {@link Keepalive} and {@link AsyncInfo}; {@link ProducerStall}
 * and {@link ClientClosing} are the connection's own. As a {@link Receiver} it is
 * what the router delivers to. Ops, timers and closing run on the connection's event loop; publishers on other loops
 * only touch the {@link Outbound}, the subscription counters and {@link #removeSubscription}.
 */
public final class ClientConnection implements Receiver {

    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    /** How long a client being shut down may take to close its side before its socket is cut. */
    public static final Duration LEAVE_WAIT = Duration.ofSeconds(1);

    private final long cid;
    private final Channel channel;
    private final ClientServices services;
    private final ServerOptions options;
    private final Outbound outbound;
    private final ClientSubscriptions subscriptions;
    private final Instant start = Instant.now();
    private final String remoteHost;
    private final int remotePort;
    private final boolean inProcess;
    private final ClientSession session;
    private final AsyncInfo info;
    private final Keepalive keepalive;
    private final ClientLogin login;
    private final ProducerStall stall;
    private final ClientClosing closing;
    private final ClientOps ops;
    private volatile String description;

    public ClientConnection(long cid, Channel channel, ClientServices services) {
        this.cid = cid;
        this.channel = channel;
        this.services = services;
        this.options = services.options();
        this.outbound = new Outbound(channel, options.getMaxPending(), options.getWriteDeadline(),
                this::onSlowConsumer);
        InetSocketAddress remote = channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
        this.remoteHost = remote == null ? "" : remote.getAddress().getHostAddress();
        this.remotePort = remote == null ? 0 : remote.getPort();
        this.inProcess = channel.remoteAddress() instanceof LocalAddress;
        this.description = (inProcess ? "pipe" : remoteHost + ":" + remotePort) + " - cid:" + cid;
        this.login = new ClientLogin(this, channel, services.authenticator());
        this.stall = new ProducerStall(this, channel);
        this.subscriptions = new ClientSubscriptions(this, services);
        this.keepalive = new Keepalive(channel, outbound, options.getPingInterval().toNanos(),
                options.getPingMax(), true, this::stale, () -> describe() + " - Client Ping Timer");
        this.session = new ClientSession(this, options, outbound, keepalive);
        this.info = new AsyncInfo(this, services, outbound);
        this.closing = new ClientClosing(this, channel, outbound, options, services.stats(), this::release);
        this.ops = new ClientOps(this, services, login, session, subscriptions, new PublishPolicy(this, services),
                keepalive, info, outbound);
    }

    /**
     * The decoder that feeds this connection: it hands the ops to {@link ClientOps}, and the connection keeps it, so
     * that CONNECT can switch header support on and paused reading can be resumed.
     */
    public ClientProtocolDecoder newDecoder(int maxControlLine, int maxPayload) {
        ClientProtocolDecoder decoder = new ClientProtocolDecoder(ops, maxControlLine, maxPayload);
        session.attach(decoder);
        return decoder;
    }

    /**
     * The socket is up: sends INFO alone and flushes it, as real clients need nothing else until they speak; a
     * server that is full sends INFO and then refuses, as nats-server does. On the event loop.
     */
    public void open() {
        info.sendFirst();
        LOG.log(Level.DEBUG, () -> describe() + " - Client connection created");
        if (!services.register(this)) {
            LOG.log(Level.ERROR, () -> describe() + " - " + ErrorTexts.MAX_CONNECTIONS);
            sendErrAndClose(ErrorTexts.MAX_CONNECTIONS, ClosedReason.MAX_CONNECTIONS_EXCEEDED);
            return;
        }
        outbound.flush();
        login.begin(session.decoder());
        // A socket that never sends CONNECT must still be found dead, but real clients may see nothing but INFO
        // before they speak, so the first check waits a full interval.
        keepalive.start(options.getPingInterval().toNanos());
    }

    /** A CONNECT whose credentials were refused: kept, so the refusal can describe it. */
    void rejectedConnect(ConnectOptions opts) {
        session.rejected(opts);
    }

    /** The round-trip time: from the PING after CONNECT to its PONG, estimated until then; 0 before CONNECT. */
    public long rttNanos() {
        return keepalive.rttNanos();
    }

    /** Whether the connection is closing or closed. Event loop. */
    boolean isClosed() {
        return closing.isClosed();
    }

    /** Whether the server let the client go ({@link #closeForShutdown()}) and reads on until it leaves. Event loop. */
    boolean isLeaving() {
        return closing.isLeaving();
    }

    /** Reading may go on after a login aside or a stall: on, unless a stall still holds it. Event loop. */
    void resumeReading() {
        if (!closing.isClosed() && !stall.isStalled()) {
            PausedReads.resume(channel, session.decoder());
        }
    }

    /**
     * Sends the current INFO if it differs from what this client last got, to clients that take asynchronous
     * INFO ({@code protocol} 1) and have had their first PONG. On the event loop.
     */
    public void sendAsyncInfo() {
        info.sendIfChanged();
    }

    /**
     * Sends {@code json}, an INFO made for this connection that is not the server's current one (the one-off lame
     * duck INFO), to a client that takes asynchronous INFO. On the event loop.
     */
    public void sendAsyncInfo(String json) {
        info.sendIfChanged(json);
    }

    /**
     * The server is going down (or in lame duck mode moves this client away): writes what is queued, half-closes,
     * and routes what the client still sends until it closes its side (at most {@link #LEAVE_WAIT}), so that nothing
     * it published in the meantime is lost. On the event loop.
     */
    public void closeForShutdown() {
        closing.closeAfterClient(ClosedReason.SERVER_SHUTDOWN, LEAVE_WAIT);
    }

    /** Ends a subscription (UNSUB, auto-unsubscribe limit reached, or close). Any thread; idempotent. */
    @Override
    public void removeSubscription(Subscription sub) {
        subscriptions.remove(sub);
    }

    /** Sends {@code -ERR '<text>'} and keeps the connection. */
    public void sendErr(String text) {
        outbound.writeControl(ProtocolEncoder.err(text));
    }

    /** Sends {@code -ERR '<text>'}, flushes it and closes. On the event loop. */
    public void sendErrAndClose(String text, ClosedReason reason) {
        outbound.writeControl(ProtocolEncoder.err(text));
        close(reason);
    }

    /**
     * Closes the connection after writing what is queued; subscriptions end at once. On the event loop; idempotent.
     */
    public void close(ClosedReason reason) {
        closing.close(reason);
    }

    /** The socket went away (or was closed by us); on the event loop. */
    public void channelClosed() {
        closing.channelClosed();
    }

    private void release() {
        stall.cancelTimer();
        keepalive.stop();
        login.cancelTimer();
        // told before the subscriptions go, so the server's closed-connection record can list them (/connz)
        services.connectionClosed(this);
        subscriptions.removeAll();
    }

    private void onSlowConsumer(Outbound.SlowConsumer reason) {
        closing.slowConsumer(reason);
    }

    // ping_max PINGs went unanswered; the keepalive has queued the -ERR
    private void stale() {
        LOG.log(Level.DEBUG, () -> describe() + " - Stale Client Connection - Closing");
        close(ClosedReason.STALE_CONNECTION);
    }

    @Override
    public void stallProducer(Outbound receiver) {
        stall.stall(receiver);
    }

    /** Whether its decoder must hold back further ops: a stalled producer, or a login being checked aside. */
    boolean isReadPaused() {
        return stall.isStalled() || login.isAuthenticating();
    }

    /** The ops of one read have been handled: writes what they produced. On the event loop. */
    public void readComplete() {
        ops.activity().readEnded();
        outbound.flush();
    }

    /**
     * The prefix of this connection's log lines, as nats-server writes it: {@code ip:port - cid:N} ({@code pipe - cid:N} in-process), followed once a
     * CONNECT has been read by what it said of the client, e.g. {@code - "v1.2:go:orders"}.
     */
    public String describe() {
        return description;
    }

    /**
     * A CONNECT was read (before its credentials are checked, so a refusal names the client): its version, language
     * and name join the description, {@code v<version>:<lang>:<name>} with what is missing left out. Each CONNECT adds
     * its part, as nats-server's does.
     */
    void describeConnect(ConnectOptions opts) {
        String said = ClientDescription.of(opts);
        if (!said.isEmpty()) {
            description = description + " - " + said;
        }
    }

    /** Whether the client is in this JVM, connected through the in-process listener rather than a socket. */
    public boolean inProcess() {
        return inProcess;
    }

    @Override
    public long cid() {
        return cid;
    }

    public Channel channel() {
        return channel;
    }

    /**
     * Called once the client has authenticated, with the permissions of the user it logged in as ({@code null} for
     * none). On the event loop, before any op after CONNECT is handled.
     */
    public void authorize(Permissions permissions) {
        login.authorize(permissions);
    }

    /** The permissions at work, or {@code null} when the client may do everything. Any thread. */
    @Override
    public PermissionGuard permissionGuard() {
        return login.guard();
    }

    /** The user or nkey the client authenticated as ({@code ""} for a token), or {@code null} without auth. */
    public String authorizedUser() {
        return login.authorizedUser();
    }

    /** The nonce this connection's INFO carries for nkey users, or {@code null}. */
    public String nonce() {
        return login.nonce();
    }

    /** The permissions given by {@link #authorize}, or {@code null}. */
    public Permissions permissions() {
        return login.permissions();
    }

    @Override
    public Outbound outbound() {
        return outbound;
    }

    public ConnectOptions connectOptions() {
        return session.connect();
    }

    @Override
    public boolean echo() {
        return session.connect().echo();
    }

    @Override
    public boolean noResponders() {
        return session.connect().noResponders();
    }

    /** Whether this client reads HMSG (said {@code headers:true} and the server allows headers). */
    @Override
    public boolean headersEnabled() {
        return session.headersEnabled();
    }

    public String remoteHost() {
        return remoteHost;
    }

    public int remotePort() {
        return remotePort;
    }

    public Instant start() {
        return start;
    }

    /** When the connection ended, or {@code null} while open. */
    public Instant stop() {
        return closing.stop();
    }

    public ClosedReason closedReason() {
        return closing.reason();
    }

    /** When the client was last heard from, on the wall clock of {@code now}. */
    public Instant lastActivity(Instant now) {
        return ops.activity().last(start, now);
    }

    public long inMsgs() {
        return ops.inMsgs();
    }

    public long inBytes() {
        return ops.inBytes();
    }

    public int subscriptionCount() {
        return subscriptions.count();
    }

    public Collection<Subscription> subscriptions() {
        return subscriptions.all();
    }
}
