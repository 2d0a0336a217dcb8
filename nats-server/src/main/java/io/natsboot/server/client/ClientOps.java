package io.natsboot.server.client;

import io.natsboot.server.auth.Redaction;
import io.natsboot.server.connection.Keepalive;
import io.natsboot.server.connection.Outbound;
import io.natsboot.server.connection.ReadActivity;
import io.natsboot.server.json.JsonException;
import io.natsboot.server.protocol.ClientOpHandler;
import io.natsboot.server.protocol.ClientSentInfo;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;

import java.lang.System.Logger.Level;

/**
 * What one client's ops do, as its decoder reads them: each is traced, refused before a login, counted as activity,
 * and handed to the part of the {@link ClientConnection} it concerns. Also keeps the client's inbound counters and
 * the time it was last heard from. Event loop only, but for the counters and the activity time, which any thread
 * may read.
 */
final class ClientOps implements ClientOpHandler {

    // its lines are the connection's (tests and operators filter on that logger)
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    private final ClientConnection connection;
    private final ClientServices services;
    private final ClientLogin login;
    private final ClientSession session;
    private final ClientSubscriptions subscriptions;
    private final PublishPolicy publishPolicy;
    private final Keepalive keepalive;
    private final AsyncInfo info;
    private final Outbound outbound;
    private final boolean trace;
    private volatile long inMsgs;
    private volatile long inBytes;
    private final ReadActivity activity = new ReadActivity();

    ClientOps(ClientConnection connection, ClientServices services, ClientLogin login, ClientSession session,
              ClientSubscriptions subscriptions, PublishPolicy publishPolicy, Keepalive keepalive, AsyncInfo info,
              Outbound outbound) {
        this.connection = connection;
        this.services = services;
        this.login = login;
        this.session = session;
        this.subscriptions = subscriptions;
        this.publishPolicy = publishPolicy;
        this.keepalive = keepalive;
        this.info = info;
        this.outbound = outbound;
        this.trace = services.options().isTrace();
    }

    @Override
    public void onConnect(String json) {
        if (trace) {
            trace("CONNECT", Redaction.connect(json));
        }
        touch();
        ConnectOptions opts;
        try {
            opts = ConnectOptions.parse(json, session.connect());
        } catch (JsonException e) {
            // nats-server logs its JSON decoder's error as it is; natsboot's own decoder words it its way
            LOG.log(Level.ERROR, () -> connection.describe() + " - " + e.getMessage());
            connection.close(ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        if (connection.isClosed()) {
            return;
        }
        connection.describeConnect(opts);
        if (login.check(opts, services.credentialChecks(), () -> session.apply(opts))) {
            session.apply(opts);
        }
    }

    @Override
    public void onInfo(String json) {
        trace("INFO", json);
        if (login.refusedBeforeConnect()) {
            return;
        }
        // nats-server ignores a client's INFO, but only after decoding it: a bad one closes the connection
        try {
            ClientSentInfo.check(json);
        } catch (JsonException e) {
            LOG.log(Level.ERROR, () -> connection.describe() + " - " + e.getMessage());
            connection.close(ClosedReason.PROTOCOL_VIOLATION);
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
        if (login.refusedBeforeConnect()) {
            return;
        }
        if (trace) {
            trace(headerSize < 0 ? "PUB" : "HPUB", subject + (replyTo == null ? "" : " " + replyTo) + " "
                    + (headerSize < 0 ? "" : headerSize + " ") + message.readableBytes());
        }
        touch();
        inMsgs++;
        inBytes += message.readableBytes();
        publishPolicy.publish(subject, replyTo, headerSize, message);
    }

    @Override
    public void onSub(String subject, String queue, String sid) {
        trace("SUB", subject + (queue == null ? "" : " " + queue) + " " + sid);
        // a client being closed is only read on for what it publishes
        if (login.refusedBeforeConnect() || connection.isClosed()) {
            return;
        }
        touch();
        if (!subscriptions.subscribe(subject, queue, sid)) {
            return;
        }
        if (session.connect().verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
    }

    @Override
    public void onUnsub(String sid, int max) {
        trace("UNSUB", sid + (max > 0 ? " " + max : ""));
        if (login.refusedBeforeConnect()) {
            return;
        }
        touch();
        subscriptions.unsubscribe(sid, max);
        if (session.connect().verbose()) {
            outbound.writeControl(ProtocolEncoder.OK);
        }
    }

    @Override
    public void onPing() {
        trace("PING", "");
        if (login.refusedBeforeConnect()) {
            return;
        }
        keepalive.active();
        outbound.writeControl(ProtocolEncoder.PONG);
        // the cluster may have changed since the INFO on accept: the client hears of it right after its PONG
        info.pongSent();
    }

    @Override
    public void onPong() {
        trace("PONG", "");
        if (login.refusedBeforeConnect()) {
            return;
        }
        keepalive.pong();
    }

    @Override
    public void onProtocolError(ProtocolError error) {
        String text = session.decoder() == null ? null : session.decoder().failureText();
        if (text != null) {
            // as nats-server: every protocol violation it has words for is an error line naming the client
            LOG.log(Level.ERROR, () -> connection.describe() + " - " + text);
        } else {
            LOG.log(Level.DEBUG, () -> connection.describe() + " - Protocol error: " + error);
        }
        ClosedReason reason = ClosedReason.of(error);
        if (error.errText() != null) {
            connection.sendErrAndClose(error.errText(), reason);
        } else {
            connection.close(reason);
        }
    }

    @Override
    public boolean isReadPaused() {
        return connection.isReadPaused();
    }

    private void touch() {
        activity.seen();
        keepalive.active();
    }

    private void trace(String op, String args) {
        if (trace) {
            LOG.log(Level.TRACE, () -> connection.describe() + " - <<- [" + op + (args.isEmpty() ? "" : " " + args)
                    + "]");
        }
    }

    long inMsgs() {
        return inMsgs;
    }

    long inBytes() {
        return inBytes;
    }

    ReadActivity activity() {
        return activity;
    }
}
