package io.natsboot.server.client;

import io.natsboot.server.Permissions;
import io.natsboot.server.ServerOptions;
import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.auth.FirstOpGate;
import io.natsboot.server.auth.Identity;
import io.natsboot.server.auth.Nonce;
import io.natsboot.server.auth.PermissionGuard;
import io.natsboot.server.auth.Redaction;
import io.natsboot.server.config.GoDuration;
import io.natsboot.server.json.JsonException;
import io.natsboot.server.protocol.ClientOpHandler;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.ErrorTexts;
import io.natsboot.server.protocol.JsonFields;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.protocol.ProtocolError;
import io.natsboot.server.subject.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client: its CONNECT options, subscriptions, keepalive and counters, acting on the ops its decoder reads.
 * Ops, timers and closing run on the connection's event loop; publishers on other loops only touch the
 * {@link Outbound}, the subscription counters and {@link #removeSubscription}.
 */
public final class ClientConnection implements ClientOpHandler {

    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    private static final String SYSTEM_QUEUE = "_sys_";
    private static final String SERVICE_REPLY_PREFIX = "_R_.";
    private static final String GATEWAY_REPLY_PREFIX = "_GR_.";
    /** The fields of nats-server 2.9's INFO struct, type-checked when a client sends INFO. */
    private static final Map<String, JsonFields.Kind> INFO_FIELDS = Map.ofEntries(
            Map.entry("server_id", JsonFields.Kind.STRING),
            Map.entry("server_name", JsonFields.Kind.STRING),
            Map.entry("version", JsonFields.Kind.STRING),
            Map.entry("proto", JsonFields.Kind.INT),
            Map.entry("git_commit", JsonFields.Kind.STRING),
            Map.entry("go", JsonFields.Kind.STRING),
            Map.entry("host", JsonFields.Kind.STRING),
            Map.entry("port", JsonFields.Kind.INT),
            Map.entry("headers", JsonFields.Kind.BOOL),
            Map.entry("auth_required", JsonFields.Kind.BOOL),
            Map.entry("tls_required", JsonFields.Kind.BOOL),
            Map.entry("tls_verify", JsonFields.Kind.BOOL),
            Map.entry("tls_available", JsonFields.Kind.BOOL),
            Map.entry("max_payload", JsonFields.Kind.INT32),
            Map.entry("jetstream", JsonFields.Kind.BOOL),
            Map.entry("ip", JsonFields.Kind.STRING),
            Map.entry("client_id", JsonFields.Kind.UINT64),
            Map.entry("client_ip", JsonFields.Kind.STRING),
            Map.entry("nonce", JsonFields.Kind.STRING),
            Map.entry("cluster", JsonFields.Kind.STRING),
            Map.entry("cluster_dynamic", JsonFields.Kind.BOOL),
            Map.entry("domain", JsonFields.Kind.STRING),
            Map.entry("connect_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("ws_connect_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("ldm", JsonFields.Kind.BOOL),
            Map.entry("import", JsonFields.Kind.PERMISSIONS),
            Map.entry("export", JsonFields.Kind.PERMISSIONS),
            Map.entry("lnoc", JsonFields.Kind.BOOL),
            Map.entry("info_on_connect", JsonFields.Kind.BOOL),
            Map.entry("connect_info", JsonFields.Kind.BOOL),
            Map.entry("gateway", JsonFields.Kind.STRING),
            Map.entry("gateway_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("gateway_url", JsonFields.Kind.STRING),
            Map.entry("gateway_cmd", JsonFields.Kind.BYTE),
            Map.entry("gateway_cmd_payload", JsonFields.Kind.BASE64),
            Map.entry("gateway_nrp", JsonFields.Kind.BOOL),
            Map.entry("leafnode_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("remote_account", JsonFields.Kind.STRING));
    /** nats-server sends the first PING sooner than the interval, so dead peers are found early. */
    private static final long FIRST_PING_MAX_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How long at most a producer whose receiver is over half its max_pending stops being read; it goes on as soon as
     * the receiver has drained below half (nats-server: the same, for 100ms-1s).
     */
    private static final long PRODUCER_STALL_MILLIS = 100;

    private final long cid;
    private final Channel channel;
    private final ClientServices services;
    private final ServerOptions options;
    private final Outbound outbound;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Instant start = Instant.now();
    private final String remoteHost;
    private final int remotePort;
    private final boolean trace;
    private ClientProtocolDecoder decoder;

    private volatile ConnectOptions connect = ConnectOptions.DEFAULTS;
    private boolean connectReceived;
    private volatile boolean headersEnabled;
    private volatile long inMsgs;
    private volatile long inBytes;
    private volatile long lastActivityNanos = System.nanoTime();
    private boolean activeSincePing;
    private int pingsOutstanding;
    private ScheduledFuture<?> pingTimer;
    private boolean firstPongSent;
    private String lastInfo;
    private final LastSubject lastSubject;
    /** Reading paused for a slow receiver (event loop only); the generation tells stalls apart. */
    private boolean stalled;
    private int stallGeneration;
    private ScheduledFuture<?> stallTimer;
    /** What the authenticated user may do; {@code null} means everything (no auth, or no permissions set). */
    private volatile Permissions permissions;
    /** The permissions at work; {@code null} when nothing is restricted, so unrestricted clients skip every check. */
    private volatile PermissionGuard guard;
    private final Authenticator authenticator;
    /** The nonce INFO carried for nkey users to sign, or {@code null}. */
    private final String nonce;
    /** Whether a CONNECT has passed authentication (or none is required); event loop only. */
    private boolean authenticated;
    private ScheduledFuture<?> authTimer;
    /** A CONNECT is being checked against a bcrypt hash off the event loop; reading waits. Event loop only. */
    private boolean authenticating;
    /** Who the client logged in as (user, nkey), {@code ""} for the token, {@code null} without auth. */
    private volatile String authorizedUser;
    private volatile ClosedReason closedReason;
    private volatile Instant stop;

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
        this.trace = options.isTrace();
        this.lastSubject = new LastSubject(services.subjects());
        this.authenticator = services.authenticator();
        this.nonce = authenticator.needsNonce() ? Nonce.next() : null;
        this.authenticated = !authenticator.isRequired();
    }

    /** Connects the decoder that feeds this connection, so CONNECT can switch header support on. */
    public void attach(ClientProtocolDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * The socket is up: sends INFO alone and flushes it, as real clients need nothing else until they speak; a
     * server that is full sends INFO and then refuses, as nats-server does. On the event loop.
     */
    public void open() {
        lastInfo = services.infoJson(this);
        outbound.writeControl(ProtocolEncoder.info(lastInfo));
        if (!services.register(this)) {
            LOG.log(Level.ERROR, () -> describe() + " - Maximum connections of " + options.getMaxConnections()
                    + " exceeded");
            sendErrAndClose(ErrorTexts.MAX_CONNECTIONS, ClosedReason.MAX_CONNECTIONS_EXCEEDED);
            return;
        }
        outbound.flush();
        LOG.log(Level.DEBUG, () -> describe() + " - Client connection created");
        if (authenticator.isRequired()) {
            authTimer = channel.eventLoop().schedule(this::authTimeout, authenticator.timeout().toNanos(),
                    TimeUnit.NANOSECONDS);
            FirstOpGate.install(channel, decoder, this::refuseFirstOp);
        } else {
            // with no_auth_user a client may skip CONNECT: until it sends one it is that user
            authenticator.noAuthIdentity().ifPresent(id -> {
                authorizedUser = id.name();
                authorize(id.permissions());
            });
        }
        // A socket that never sends CONNECT must still be found dead, but real clients may see nothing but INFO
        // before they speak, so the first check waits a full interval.
        armPingTimer(options.getPingInterval().toNanos());
    }

    private void authTimeout() {
        authTimer = null;
        if (authenticated || closedReason != null) {
            return;
        }
        LOG.log(Level.DEBUG, () -> describe() + " - Authentication Timeout");
        sendErrAndClose(ErrorTexts.AUTHENTICATION_TIMEOUT, ClosedReason.AUTHENTICATION_TIMEOUT);
    }

    /**
     * Under auth, any op but CONNECT before a CONNECT has authenticated is refused and closes the connection, as
     * nats-server does; also true once the connection is closing, so no op after a refusal is acted on.
     */
    private boolean refusedBeforeConnect() {
        if (closedReason != null) {
            return true;
        }
        if (authenticated) {
            return false;
        }
        refuseAuthentication();
        return true;
    }

    /** The first op of a client that must authenticate is not a CONNECT. On the event loop. */
    private void refuseFirstOp() {
        if (closedReason == null && !authenticated) {
            refuseAuthentication();
        }
    }

    private void refuseAuthentication() {
        LOG.log(Level.ERROR, () -> describe() + " - authentication error" + authenticator.describeFailure(connect));
        sendErrAndClose(ErrorTexts.AUTHORIZATION_VIOLATION, ClosedReason.AUTHENTICATION_VIOLATION);
    }

    @Override
    public void onConnect(String json) {
        if (trace) {
            trace("CONNECT", Redaction.connect(json));
        }
        touch();
        ConnectOptions opts;
        try {
            opts = ConnectOptions.parse(json, connect);
        } catch (JsonException e) {
            LOG.log(Level.DEBUG, () -> describe() + " - Bad CONNECT: " + e.getMessage());
            close(ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        if (closedReason != null) {
            return;
        }
        if (authenticator.isConfigured()) {
            if (authenticator.isSlow(opts)) {
                authenticateAside(opts);
                return;
            }
            if (!loggedIn(opts, authenticator.authenticate(opts, nonce))) {
                return;
            }
        }
        applyConnect(opts);
    }

    /**
     * Checks a CONNECT against bcrypt hashes on the server's credential threads, with this client's reading paused
     * (ops already read wait in the decoder), then goes on with it on the event loop.
     */
    private void authenticateAside(ConnectOptions opts) {
        authenticating = true;
        channel.config().setAutoRead(false);
        try {
            services.credentialChecks().execute(() -> {
                Optional<Identity> identity = authenticator.authenticate(opts, nonce);
                channel.eventLoop().execute(() -> afterAuthentication(opts, identity));
            });
        } catch (RejectedExecutionException shuttingDown) {
            authenticating = false;
            close(ClosedReason.SERVER_SHUTDOWN);
        }
    }

    private void afterAuthentication(ConnectOptions opts, Optional<Identity> identity) {
        authenticating = false;
        if (closedReason != null || !loggedIn(opts, identity)) {
            return;
        }
        applyConnect(opts);
        if (closedReason == null && !stalled) {
            channel.config().setAutoRead(true);
            // decode what arrived behind the CONNECT: no new bytes may come to trigger it
            resumeDecoding();
        }
    }

    /** Takes the outcome of a credential check: true when the client is in, else it has been refused. */
    private boolean loggedIn(ConnectOptions opts, Optional<Identity> identity) {
        if (identity.isEmpty()) {
            connect = opts;
            refuseAuthentication();
            return false;
        }
        authenticated = true;
        authorizedUser = identity.get().name();
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        authorize(identity.get().permissions());
        return true;
    }

    /** The checks and settings of a CONNECT that come after authentication. */
    private void applyConnect(ConnectOptions opts) {
        if (opts.hasAccount()) {
            sendErrAndClose(ErrorTexts.AUTHORIZATION_VIOLATION, ClosedReason.AUTHENTICATION_VIOLATION);
            return;
        }
        if (opts.protocol() < 0 || opts.protocol() > 1) {
            sendErrAndClose(ErrorTexts.INVALID_CLIENT_PROTOCOL, ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        boolean headers = opts.headers() && !options.isNoHeaderSupport();
        if (opts.noResponders() && !headers) {
            sendErrAndClose(ErrorTexts.NO_RESPONDERS_NEEDS_HEADERS, ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        connect = opts;
        headersEnabled = headers;
        if (decoder != null) {
            decoder.setHeadersEnabled(headersEnabled);
        }
        if (opts.verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
        if (!connectReceived) {
            connectReceived = true;
            // the accept-time timer gives way to nats-server's early first PING
            if (pingTimer != null) {
                pingTimer.cancel(false);
            }
            armPingTimer(firstPingDelayNanos());
        }
    }

    @Override
    public void onInfo(String json) {
        trace("INFO", json);
        if (refusedBeforeConnect()) {
            return;
        }
        // nats-server ignores a client's INFO, but only after decoding it: a bad one closes the connection
        try {
            JsonFields.parse(json, INFO_FIELDS);
        } catch (JsonException e) {
            LOG.log(Level.DEBUG, () -> describe() + " - Bad INFO: " + e.getMessage());
            close(ClosedReason.PROTOCOL_VIOLATION);
        }
    }

    @Override
    public void onPub(String subject, String replyTo, ByteBuf payload) {
        publish(subject, replyTo, -1, payload);
    }

    @Override
    public void onHpub(String subject, String replyTo, int headerSize, ByteBuf message) {
        // an empty header block means no headers: nats-server delivers such a message as a plain MSG
        publish(subject, replyTo, headerSize == 0 ? -1 : headerSize, message);
    }

    private void publish(String subject, String replyTo, int headerSize, ByteBuf message) {
        if (refusedBeforeConnect()) {
            return;
        }
        if (trace) {
            trace(headerSize < 0 ? "PUB" : "HPUB", subject + (replyTo == null ? "" : " " + replyTo) + " "
                    + (headerSize < 0 ? "" : headerSize + " ") + message.readableBytes());
        }
        touch();
        inMsgs++;
        inBytes += message.readableBytes();
        LastSubject target = lastSubject.set(subject);
        // nats-server 2.9 complains to a pedantic client about a publish subject that is not a valid literal, yet
        // still delivers it when it is a valid subscription subject (a wildcard then matches as a plain token).
        if (!target.isValidPublishSubject() && connect.pedantic()) {
            outbound.writeControl(ProtocolEncoder.err(ErrorTexts.INVALID_PUBLISH_SUBJECT));
        }
        // a client may not publish into the gateway reply namespace, whatever its permissions (nats-server 2.9)
        PermissionGuard g = guard;
        if (isGatewayRoutedReply(subject) || (g != null && !g.canPublish(subject))) {
            publishViolation(subject, message);
            return;
        }
        // A reply in a prefix nats-server keeps for service imports and gateway replies is refused: the message is
        // dropped with a permissions error (no +OK), but still counted as received.
        if (replyTo != null && isReservedReply(replyTo)) {
            services.stats().inMsgs.increment();
            services.stats().inBytes.add(message.readableBytes());
            LOG.log(Level.ERROR, () -> describe() + " - Publish Violation - Reply \"" + replyTo + "\"");
            outbound.writeControl(ProtocolEncoder.err(ErrorTexts.publishReplyViolation(replyTo)));
            return;
        }
        // +OK goes out before the message is delivered (it precedes an echo or a no-responders reply)
        if (connect.verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
        services.router().publish(this, target.match(), target.bytes(), replyTo, headerSize, message);
    }

    /** A denied publish: dropped, answered with -ERR (no +OK), counted as received, as nats-server does. */
    private void publishViolation(String subject, ByteBuf message) {
        services.stats().inMsgs.increment();
        services.stats().inBytes.add(message.readableBytes());
        LOG.log(Level.ERROR, () -> describe() + " - Publish Violation - " + authUser() + ", Subject \"" + subject
                + "\"");
        outbound.writeControl(ProtocolEncoder.err(ErrorTexts.publishViolation(subject)));
    }

    /** How nats-server names the user in violation logs: from the CONNECT credentials. */
    private String authUser() {
        ConnectOptions c = connect;
        if (c.nkey() != null && !c.nkey().isEmpty()) {
            return "Nkey \"" + c.nkey() + "\"";
        }
        if (c.user() != null && !c.user().isEmpty()) {
            return "User \"" + c.user() + "\"";
        }
        return "User \"N/A\"";
    }

    /** {@code _GR_.} followed by something: a subject only gateways may send to. */
    private static boolean isGatewayRoutedReply(String subject) {
        return subject.length() > GATEWAY_REPLY_PREFIX.length() && subject.startsWith(GATEWAY_REPLY_PREFIX);
    }

    /** {@code _R_.} (service import replies) or {@code _GR_.} followed by something (old gateway replies). */
    private static boolean isReservedReply(String reply) {
        return reply.startsWith(SERVICE_REPLY_PREFIX)
                || (reply.length() > GATEWAY_REPLY_PREFIX.length() && reply.startsWith(GATEWAY_REPLY_PREFIX));
    }

    @Override
    public void onSub(String subject, String queue, String sid) {
        trace("SUB", subject + (queue == null ? "" : " " + queue) + " " + sid);
        if (refusedBeforeConnect()) {
            return;
        }
        touch();
        // The checks in nats-server's order: permissions and reserved queue, subscription limit (even for a reused
        // sid), reused sid (ignored, keeping the first subscription, so its subject is not even checked), subject.
        PermissionGuard g = guard;
        if (SYSTEM_QUEUE.equals(queue) || (g != null && !g.canSubscribe(subject, queue))) {
            sendErr(ErrorTexts.subscriptionViolation(subject, queue));
            LOG.log(Level.ERROR, () -> describe() + " - Subscription Violation - " + authUser() + ", Subject \""
                    + subject + "\"" + (queue == null ? "" : ", Queue: \"" + queue + "\"") + ", SID " + sid);
            return;
        }
        int max = options.getMaxSubscriptions();
        if (max > 0 && subscriptions.size() >= max) {
            sendErr(ErrorTexts.MAX_SUBSCRIPTIONS);
            return;
        }
        if (!subscriptions.containsKey(sid)) {
            if (!Subjects.isValidSubscribeSubject(subject)
                    || (queue != null && !Subjects.isValidQueueName(queue))) {
                sendErr(ErrorTexts.INVALID_SUBJECT);
                return;
            }
            Subscription sub = new Subscription(this, subject, queue, sid);
            subscriptions.put(sid, sub);
            services.subjects().insert(subject, queue, sub);
            services.localInterestChanged(sub, true);
        }
        if (connect.verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
    }

    @Override
    public void onUnsub(String sid, int max) {
        trace("UNSUB", sid + (max > 0 ? " " + max : ""));
        if (refusedBeforeConnect()) {
            return;
        }
        touch();
        Subscription sub = subscriptions.get(sid);
        if (sub != null) {
            if (max > 0 && sub.delivered() < max) {
                sub.setMax(max);
                // a publisher may have reached the limit between the check and the set
                if (sub.delivered() >= max) {
                    removeSubscription(sub);
                }
            } else {
                removeSubscription(sub);
            }
        }
        if (connect.verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
    }

    @Override
    public void onPing() {
        trace("PING", "");
        if (refusedBeforeConnect()) {
            return;
        }
        activeSincePing = true;
        outbound.writeControl(ProtocolEncoder.PONG);
        if (!firstPongSent) {
            firstPongSent = true;
            // the cluster may have changed since the INFO on accept: the client hears of it right after its PONG
            sendAsyncInfo();
        }
    }

    /**
     * Sends the current INFO if it differs from what this client last got, to clients that take asynchronous
     * INFO ({@code protocol} 1) and have had their first PONG. On the event loop.
     */
    public void sendAsyncInfo() {
        if (!firstPongSent || connect.protocol() < 1 || closedReason != null) {
            return;
        }
        String json = services.infoJson(this);
        if (!json.equals(lastInfo)) {
            lastInfo = json;
            outbound.writeControl(ProtocolEncoder.info(json));
        }
    }

    @Override
    public void onPong() {
        trace("PONG", "");
        if (refusedBeforeConnect()) {
            return;
        }
        pingsOutstanding = 0;
    }

    @Override
    public void onProtocolError(ProtocolError error) {
        LOG.log(Level.DEBUG, () -> describe() + " - Protocol error: " + error);
        // the reasons nats-server 2.9 gives in /connz: its parser failing is a protocol violation, while a client's
        // -ERR is recorded as a parse error
        ClosedReason reason = switch (error) {
            case MAX_PAYLOAD -> ClosedReason.MAX_PAYLOAD_EXCEEDED;
            case MAX_CONTROL_LINE -> ClosedReason.MAX_CONTROL_LINE_EXCEEDED;
            case PEER_ERROR -> ClosedReason.PARSE_ERROR;
            default -> ClosedReason.PROTOCOL_VIOLATION;
        };
        if (error.errText() != null) {
            sendErrAndClose(error.errText(), reason);
        } else {
            close(reason);
        }
    }

    /** Ends a subscription (UNSUB, auto-unsubscribe limit reached, or close). Any thread; idempotent. */
    void removeSubscription(Subscription sub) {
        if (subscriptions.remove(sub.sid(), sub)) {
            services.subjects().remove(sub.subject(), sub.queue(), sub);
            services.localInterestChanged(sub, false);
        }
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
        if (closedReason != null) {
            return;
        }
        closedReason = reason;
        stop = Instant.now();
        release();
        outbound.seal();
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        LOG.log(Level.DEBUG, () -> describe() + " - Client connection closed: " + reason);
    }

    /** The socket went away (or was closed by us); on the event loop. */
    public void channelClosed() {
        if (closedReason == null) {
            closedReason = ClosedReason.CLIENT_CLOSED;
            stop = Instant.now();
            LOG.log(Level.DEBUG, () -> describe() + " - Client connection closed: " + ClosedReason.CLIENT_CLOSED);
        }
        release();
        outbound.close();
    }

    private boolean released;

    private void release() {
        if (released) {
            return;
        }
        released = true;
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
        if (pingTimer != null) {
            pingTimer.cancel(false);
            pingTimer = null;
        }
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        // told before the subscriptions go, so the server's closed-connection record can list them (/connz)
        services.connectionClosed(this);
        for (Subscription sub : subscriptions.values()) {
            removeSubscription(sub);
        }
    }

    private void onSlowConsumer(Outbound.SlowConsumer reason) {
        if (closedReason != null) {
            return;
        }
        services.stats().slowConsumers.incrementAndGet();
        LOG.log(Level.INFO, () -> describe() + " - Slow Consumer Detected: "
                + (reason == Outbound.SlowConsumer.PENDING_BYTES ? "MaxPending of " + options.getMaxPending()
                        + " Exceeded"
                        : "WriteDeadline of " + GoDuration.format(options.getWriteDeadline()) + " exceeded"));
        closedReason = reason == Outbound.SlowConsumer.PENDING_BYTES
                ? ClosedReason.SLOW_CONSUMER_PENDING_BYTES : ClosedReason.SLOW_CONSUMER_WRITE_DEADLINE;
        stop = Instant.now();
        release();
        outbound.close();
        channel.close();
    }

    // Keepalive: PING every interval unless the client showed life; ping_max unanswered PINGs → stale.
    private void armPingTimer(long delayNanos) {
        pingTimer = channel.eventLoop().schedule(this::pingTick, delayNanos, TimeUnit.NANOSECONDS);
    }

    private long firstPingDelayNanos() {
        long interval = options.getPingInterval().toNanos();
        long first = Math.min(interval, FIRST_PING_MAX_NANOS);
        return first + ThreadLocalRandom.current().nextLong(first / 5 + 1);
    }

    private void pingTick() {
        pingTimer = null;
        if (closedReason != null) {
            return;
        }
        if (pingsOutstanding + 1 > options.getPingMax()) {
            LOG.log(Level.DEBUG, () -> describe() + " - Stale Client Connection - Closing");
            sendErrAndClose(ErrorTexts.STALE_CONNECTION, ClosedReason.STALE_CONNECTION);
            return;
        }
        if (activeSincePing && pingsOutstanding == 0) {
            activeSincePing = false;
        } else {
            pingsOutstanding++;
            outbound.writeControl(ProtocolEncoder.PING);
        }
        armPingTimer(options.getPingInterval().toNanos());
    }

    /**
     * {@code receiver} has fallen behind on this client's messages: stop reading ops from this client, right after
     * the current one, until the receiver has drained below half its max_pending or {@link #PRODUCER_STALL_MILLIS}
     * passed, as nats-server stalls fast producers. Any thread (normally this client's event loop, as it publishes).
     */
    void stallProducer(Outbound receiver) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> stallProducer(receiver));
            return;
        }
        if (stalled || closedReason != null) {
            return;
        }
        stalled = true;
        int generation = ++stallGeneration;
        channel.config().setAutoRead(false);
        stallTimer = channel.eventLoop().schedule(() -> endStall(generation), PRODUCER_STALL_MILLIS,
                TimeUnit.MILLISECONDS);
        receiver.whenDrained(() -> channel.eventLoop().execute(() -> endStall(generation)));
    }

    private void endStall(int generation) {
        if (!stalled || generation != stallGeneration) {
            return;
        }
        stalled = false;
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
        if (closedReason != null) {
            return;
        }
        channel.config().setAutoRead(true);
        // decode what was already read when the stall began: no new bytes may come to trigger it
        resumeDecoding();
    }

    /**
     * Runs the decoder over what it has buffered while reading was paused. The empty read goes straight to the
     * decoder: sent from the head of the pipeline it would end in a TLS handler, which has nothing new to decrypt
     * and so would pass nothing on.
     */
    private void resumeDecoding() {
        ChannelHandlerContext ctx = decoder == null ? null : channel.pipeline().context(decoder);
        if (ctx == null) {
            return;
        }
        try {
            decoder.channelRead(ctx, Unpooled.EMPTY_BUFFER);
            decoder.channelReadComplete(ctx);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        }
    }

    @Override
    public boolean isReadPaused() {
        return stalled || authenticating;
    }

    private void touch() {
        lastActivityNanos = System.nanoTime();
        activeSincePing = true;
    }

    private void trace(String op, String args) {
        if (trace) {
            LOG.log(Level.TRACE, () -> describe() + " - <<- [" + op + (args.isEmpty() ? "" : " " + args) + "]");
        }
    }

    /** {@code ip:port - cid:N}, the prefix of this connection's log lines. */
    public String describe() {
        return remoteHost + ":" + remotePort + " - cid:" + cid;
    }

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
        this.permissions = permissions;
        this.guard = PermissionGuard.of(permissions);
    }

    /** The permissions at work, or {@code null} when the client may do everything. Any thread. */
    PermissionGuard permissionGuard() {
        return guard;
    }

    /** The user or nkey the client authenticated as ({@code ""} for a token), or {@code null} without auth. */
    public String authorizedUser() {
        return authorizedUser;
    }

    /** The nonce this connection's INFO carries for nkey users, or {@code null}. */
    public String nonce() {
        return nonce;
    }

    /** The permissions given by {@link #authorize}, or {@code null}. */
    public Permissions permissions() {
        return permissions;
    }

    public Outbound outbound() {
        return outbound;
    }

    public ConnectOptions connectOptions() {
        return connect;
    }

    /** Whether this client reads HMSG (said {@code headers:true} and the server allows headers). */
    public boolean headersEnabled() {
        return headersEnabled;
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
        return stop;
    }

    public ClosedReason closedReason() {
        return closedReason;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    public long inMsgs() {
        return inMsgs;
    }

    public long inBytes() {
        return inBytes;
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public Collection<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }
}
