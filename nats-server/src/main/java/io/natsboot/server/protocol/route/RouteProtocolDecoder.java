package io.natsboot.server.protocol.route;

import io.natsboot.server.protocol.ControlLines;
import io.natsboot.server.protocol.OpDecoder;
import io.natsboot.server.protocol.OpTable;
import io.natsboot.server.protocol.ProtocolError;
import io.natsboot.server.protocol.RepeatedString;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the route (cluster) protocol a peer server sends and hands each op to a {@link RouteOpHandler}; one per
 * route connection, used only on its event loop.
 *
 * <pre>
 *   op          := keyword [sep args] ["\r"] "\n" [payload "\r\n"]     keyword in any case
 *   RS+         := "RS+" sep account sep subject [sep queue sep weight]
 *   RS-         := "RS-" sep account sep subject [sep queue]
 *   LS+         := "LS+" sep origin sep account sep subject [sep queue sep weight]
 *   LS-         := "LS-" sep account sep subject [sep queue]
 *   RMSG        := "RMSG" sep account sep subject sep [middle sep] #bytes                  then #bytes of payload
 *   HMSG        := "HMSG" sep account sep subject sep [middle sep] #hdr sep #total          then #total bytes
 *   LMSG        := "LMSG" sep origin sep account sep subject sep [middle sep] #hdr sep #total
 *   middle      := reply | "+" sep reply sep queue {sep queue} | "|" sep queue {sep queue}
 *   A+, A-      := keyword sep anything                                 (gateway ops, reported, ignored)
 *   -ERR        := "-ERR" sep ["'"] text ["'"]                          the decoder stops after it
 *   CONNECT, INFO := keyword [sep] json [blanks]                        (no separator needed)
 *   PING, PONG, +OK := keyword, then anything up to "\n" is ignored
 *   sep         := one or more spaces or tabs
 * </pre>
 *
 * The middle part is told apart by the number of arguments, as nats-server does: none, one (the reply), or two and
 * more, in which case the first is the one-character marker {@code +} (a reply follows) or {@code |} (no reply).
 *
 * <p>nats-server puts no limit on a route's control line or payload; to keep memory bounded this decoder refuses a
 * control line (the part after the keyword) longer than {@code maxControlLine} bytes and a message larger than
 * {@code maxPayload} bytes, which should be generous (see the defaults).
 */
public final class RouteProtocolDecoder extends OpDecoder {

    /** 64 KiB: far above any real op (a large route INFO with many URLs is a few KiB). */
    public static final int DEFAULT_MAX_CONTROL_LINE = 64 * 1024;
    /** 64 MiB: nats-server's largest accepted {@code max_payload} ({@code max_pending}). */
    public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024 * 1024;

    private enum Op implements OpTable.Op {
        // most frequent first: the keyword table is searched in this order
        RMSG("RMSG", OpTable.Form.SEPARATED), HMSG("HMSG", OpTable.Form.SEPARATED),
        RS_SUB("RS+", OpTable.Form.SEPARATED), RS_UNSUB("RS-", OpTable.Form.SEPARATED),
        PING("PING", OpTable.Form.WORD), PONG("PONG", OpTable.Form.WORD),
        INFO("INFO", OpTable.Form.JOINED), CONNECT("CONNECT", OpTable.Form.JOINED),
        OK("+OK", OpTable.Form.WORD), ERR("-ERR", OpTable.Form.SEPARATED),
        LS_SUB("LS+", OpTable.Form.SEPARATED), LS_UNSUB("LS-", OpTable.Form.SEPARATED),
        LMSG("LMSG", OpTable.Form.SEPARATED), A_SUB("A+", OpTable.Form.SEPARATED),
        A_UNSUB("A-", OpTable.Form.SEPARATED);

        private final String keyword;
        private final OpTable.Form form;

        Op(String keyword, OpTable.Form form) {
            this.keyword = keyword;
            this.form = form;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public OpTable.Form form() {
            return form;
        }
    }

    private static final Op[] OPS = Op.values();
    private static final OpTable TABLE = OpTable.of(OPS);

    private final RouteOpHandler handler;
    private final int maxPayload;

    private String pendingOrigin;
    private String pendingAccount;
    private String pendingSubject;
    private String pendingReplyTo;
    private List<String> pendingQueues;
    private int pendingHeaderSize;

    private final RepeatedString accounts = new RepeatedString();
    private final RepeatedString subjects = new RepeatedString();

    public RouteProtocolDecoder(RouteOpHandler handler) {
        this(handler, DEFAULT_MAX_CONTROL_LINE, DEFAULT_MAX_PAYLOAD);
    }

    public RouteProtocolDecoder(RouteOpHandler handler, int maxControlLine, int maxPayload) {
        super(TABLE, checkCaps(maxControlLine, maxPayload), PartialLine.KEEP_BUFFERED);
        this.handler = handler;
        this.maxPayload = maxPayload;
    }

    // nats-server names a route "Router" in its parser error
    @Override
    protected String kindName() {
        return "Router";
    }

    private static int checkCaps(int maxControlLine, int maxPayload) {
        if (maxControlLine <= 0 || maxPayload < 0) {
            throw new IllegalArgumentException("maxControlLine " + maxControlLine + ", maxPayload " + maxPayload);
        }
        return maxControlLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decodeOps(in);
    }

    @Override
    protected boolean onLine(int op, byte[] line, int length) {
        return switch (OPS[op]) {
            case RMSG -> message(Op.RMSG, line, length, 0, false);
            case HMSG -> message(Op.HMSG, line, length, 0, true);
            case LMSG -> message(Op.LMSG, line, length, 1, true);
            case RS_SUB -> remoteSub(line, length, false);
            case LS_SUB -> remoteSub(line, length, true);
            case RS_UNSUB -> remoteUnsub(line, length, false);
            case LS_UNSUB -> remoteUnsub(line, length, true);
            case INFO -> {
                handler.onInfo(utf8(line, trimEnd(line, length)));
                yield true;
            }
            case CONNECT -> {
                handler.onConnect(utf8(line, trimEnd(line, length)));
                yield true;
            }
            case ERR -> {
                stopReading();
                handler.onErr(errText(line, length));
                yield false;
            }
            case A_SUB -> {
                handler.onAccountSub(iso(line, 0, trimEnd(line, length)));
                yield true;
            }
            case A_UNSUB -> {
                handler.onAccountUnsub(iso(line, 0, trimEnd(line, length)));
                yield true;
            }
            default -> throw new IllegalStateException(OPS[op].name());
        };
    }

    // after PING/PONG/+OK: everything up to "\n" is ignored, then the op takes effect
    @Override
    protected void onWord(int op) {
        switch (OPS[op]) {
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            default -> handler.onOk();
        }
    }

    // RS+ <account> <subject> [<queue> <weight>]    LS+ <origin> <account> <subject> [<queue> <weight>]
    private boolean remoteSub(byte[] line, int length, boolean leaf) {
        int n = args.split(line, length, Integer.MAX_VALUE - 1);
        int off = leaf ? 1 : 0;
        String queue = null;
        int weight = 0;
        if (n == 4 + off) {
            weight = args.size(line, 3 + off);
            if (weight < 0) {
                return fail(ProtocolError.BAD_ARGUMENTS);
            }
            queue = args.string(line, 2 + off);
        } else if (n != 2 + off) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        String account = accounts.of(line, args.start(off), args.end(off));
        String subject = subjects.of(line, args.start(1 + off), args.end(1 + off));
        if (leaf) {
            handler.onLeafSub(args.string(line, 0), account, subject, queue, weight);
        } else {
            handler.onRemoteSub(account, subject, queue, weight);
        }
        return true;
    }

    // RS- <account> <subject> [<queue>]    LS- <account> <subject> [<queue>]
    private boolean remoteUnsub(byte[] line, int length, boolean leaf) {
        int n = args.split(line, length, Integer.MAX_VALUE - 1);
        if (n != 2 && n != 3) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        String account = accounts.of(line, args.start(0), args.end(0));
        String subject = subjects.of(line, args.start(1), args.end(1));
        String queue = n == 3 ? args.string(line, 2) : null;
        if (leaf) {
            handler.onLeafUnsub(account, subject, queue);
        } else {
            handler.onRemoteUnsub(account, subject, queue);
        }
        return true;
    }

    /**
     * RMSG/HMSG/LMSG: {@code [origin] account subject [middle] [#hdr] #total}, where {@code off} is 1 when an origin
     * comes first (LMSG) and {@code headers} tells whether a header size precedes the total.
     */
    private boolean message(Op op, byte[] line, int length, int off, boolean headers) {
        int n = args.split(line, length, Integer.MAX_VALUE - 1);
        int base = off + 2;
        int sizes = headers ? 2 : 1;
        int middle = n - base - sizes;
        if (middle < 0) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        String replyTo = null;
        List<String> queues = List.of();
        if (middle == 1) {
            replyTo = args.string(line, base);
        } else if (middle >= 2) {
            if (args.end(base) - args.start(base) != 1) {
                return fail(ProtocolError.BAD_ARGUMENTS);
            }
            int firstQueue;
            byte marker = line[args.start(base)];
            if (marker == '+') {
                replyTo = args.string(line, base + 1);
                firstQueue = base + 2;
            } else if (marker == '|') {
                firstQueue = base + 1;
            } else {
                return fail(ProtocolError.BAD_ARGUMENTS);
            }
            int count = n - sizes - firstQueue;
            if (count > 0) {
                String[] names = new String[count];
                for (int i = 0; i < count; i++) {
                    names[i] = args.string(line, firstQueue + i);
                }
                queues = List.of(names);
            }
        }
        int total = args.size(line, n - 1);
        int headerSize = headers ? args.size(line, n - 2) : -1;
        if (total < 0 || (headers && (headerSize < 0 || headerSize > total))) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        if (total > maxPayload) {
            return fail(ProtocolError.MAX_PAYLOAD);
        }
        pendingOrigin = off == 1 ? args.string(line, 0) : null;
        pendingAccount = accounts.of(line, args.start(off), args.end(off));
        pendingSubject = subjects.of(line, args.start(off + 1), args.end(off + 1));
        pendingReplyTo = replyTo;
        pendingQueues = queues;
        pendingHeaderSize = headerSize;
        expectPayload(op.ordinal(), total);
        return true;
    }

    // <payload of the announced size> "\r\n"
    @Override
    protected void onPayload(int op, ByteBuf message) {
        String origin = pendingOrigin;
        String account = pendingAccount;
        String subject = pendingSubject;
        String replyTo = pendingReplyTo;
        List<String> queues = pendingQueues;
        clearPending();
        if (op == Op.LMSG.ordinal()) {
            handler.onLeafMessage(origin, account, subject, replyTo, queues, pendingHeaderSize, message);
        } else {
            handler.onRouteMessage(account, subject, replyTo, queues, pendingHeaderSize, message);
        }
    }

    @Override
    protected void onFailure(ProtocolError error) {
        clearPending();
        handler.onProtocolError(error);
    }

    private void clearPending() {
        pendingOrigin = null;
        pendingAccount = null;
        pendingSubject = null;
        pendingReplyTo = null;
        pendingQueues = null;
    }

    /** The length of {@code line[0, length)} without trailing spaces and tabs. */
    private static int trimEnd(byte[] line, int length) {
        int end = length;
        while (end > 0 && ControlLines.isSeparator(line[end - 1])) {
            end--;
        }
        return end;
    }

    /** The text of {@code -ERR}: between single quotes when quoted, else the whole (trimmed) argument. */
    private static String errText(byte[] line, int length) {
        int end = trimEnd(line, length);
        if (end >= 2 && line[0] == '\'' && line[end - 1] == '\'') {
            return new String(line, 1, end - 2, StandardCharsets.UTF_8);
        }
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    private static String iso(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] line, int length) {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
