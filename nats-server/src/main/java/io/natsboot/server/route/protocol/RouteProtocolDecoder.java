package io.natsboot.server.route.protocol;

import io.natsboot.server.protocol.Arguments;
import io.natsboot.server.protocol.ControlLines;
import io.natsboot.server.protocol.ProtocolError;
import io.natsboot.server.protocol.RepeatedString;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
public final class RouteProtocolDecoder extends ByteToMessageDecoder {

    /** 64 KiB: far above any real op (a large route INFO with many URLs is a few KiB). */
    public static final int DEFAULT_MAX_CONTROL_LINE = 64 * 1024;
    /** 64 MiB: nats-server's largest accepted {@code max_payload} ({@code max_pending}). */
    public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024 * 1024;

    private enum State { OP, SKIP_LINE, PAYLOAD, FAILED }

    private enum Op {
        // most frequent first: the keyword table is searched in this order
        RMSG("RMSG", true), HMSG("HMSG", true), RS_SUB("RS+", true), RS_UNSUB("RS-", true),
        PING("PING", false), PONG("PONG", false), INFO("INFO", false), CONNECT("CONNECT", false),
        OK("+OK", false), ERR("-ERR", true), LS_SUB("LS+", true), LS_UNSUB("LS-", true), LMSG("LMSG", true),
        A_SUB("A+", true), A_UNSUB("A-", true);

        final byte[] keyword;
        /** Whether a space or tab must follow the keyword. */
        final boolean needsSeparator;

        Op(String keyword, boolean needsSeparator) {
            this.keyword = keyword.getBytes(StandardCharsets.US_ASCII);
            this.needsSeparator = needsSeparator;
        }
    }

    private static final Op[] OPS = Op.values();
    private static final byte[][] KEYWORDS = Arrays.stream(OPS).map(op -> op.keyword).toArray(byte[][]::new);

    private final RouteOpHandler handler;
    private final int maxControlLine;
    private final int maxPayload;

    private State state = State.OP;
    /** Bytes of the current, unfinished control line already searched for its LF (relative to the op start). */
    private int lineScanned;
    /** The op whose line is being skipped (PING, PONG, +OK) or whose payload is awaited (RMSG, HMSG, LMSG). */
    private Op pendingOp;
    private String pendingOrigin;
    private String pendingAccount;
    private String pendingSubject;
    private String pendingReplyTo;
    private List<String> pendingQueues;
    private int pendingHeaderSize;
    private int pendingSize;

    private final Arguments args = new Arguments();
    private final RepeatedString accounts = new RepeatedString();
    private final RepeatedString subjects = new RepeatedString();

    public RouteProtocolDecoder(RouteOpHandler handler) {
        this(handler, DEFAULT_MAX_CONTROL_LINE, DEFAULT_MAX_PAYLOAD);
    }

    public RouteProtocolDecoder(RouteOpHandler handler, int maxControlLine, int maxPayload) {
        if (maxControlLine <= 0 || maxPayload < 0) {
            throw new IllegalArgumentException("maxControlLine " + maxControlLine + ", maxPayload " + maxPayload);
        }
        this.handler = handler;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            boolean progressed = switch (state) {
                case OP -> decodeOp(in);
                case SKIP_LINE -> skipLine(in);
                case PAYLOAD -> decodePayload(in);
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
            };
            if (!progressed) {
                return;
            }
        }
    }

    /** Reads one op's keyword and control line; false when more bytes are needed (nothing consumed then). */
    private boolean decodeOp(ByteBuf in) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int k = ControlLines.matchKeyword(in, start, available, KEYWORDS);
        Op op = k < 0 ? null : OPS[k];
        if (op == null) {
            if (ControlLines.isKeywordPrefix(in, start, available, KEYWORDS)) {
                return false;
            }
            return fail(ProtocolError.UNKNOWN_OPERATION);
        }
        int afterKeyword = start + op.keyword.length;
        if (op == Op.PING || op == Op.PONG || op == Op.OK) {
            in.readerIndex(afterKeyword);
            pendingOp = op;
            state = State.SKIP_LINE;
            return true;
        }
        if (op.needsSeparator) {
            if (available == op.keyword.length) {
                return false;
            }
            if (!ControlLines.isSeparator(in.getByte(afterKeyword))) {
                return fail(ProtocolError.UNKNOWN_OPERATION);
            }
        }
        int end = in.writerIndex();
        // A line that arrives in many reads is searched once, not again from its start on every read.
        int lf = in.indexOf(Math.max(afterKeyword, start + lineScanned), end, (byte) '\n');
        if (lf < 0) {
            lineScanned = available;
            // Refuse the line as soon as it is certainly too long; one extra byte is allowed for a CR whose LF has
            // not arrived yet. Blanks before the arguments do not count, but they are buffered, so bound them too.
            if (available > 2 * maxControlLine + 1024
                    || end - ControlLines.skipSeparators(in, afterKeyword, end) > maxControlLine + 1) {
                return fail(ProtocolError.MAX_CONTROL_LINE);
            }
            return false;
        }
        lineScanned = 0;
        int lineEnd = lf > afterKeyword && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int argsFrom = ControlLines.skipSeparators(in, afterKeyword, lineEnd);
        int length = lineEnd - argsFrom;
        if (length > maxControlLine) {
            return fail(ProtocolError.MAX_CONTROL_LINE);
        }
        // The arguments are parsed from a copy: one bulk read instead of a bounds-checked call per byte.
        byte[] line = args.copyLine(in, argsFrom, length);
        in.readerIndex(lf + 1);
        return switch (op) {
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
                state = State.FAILED;
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
            default -> throw new IllegalStateException(op.name());
        };
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
        pendingOp = op;
        pendingOrigin = off == 1 ? args.string(line, 0) : null;
        pendingAccount = accounts.of(line, args.start(off), args.end(off));
        pendingSubject = subjects.of(line, args.start(off + 1), args.end(off + 1));
        pendingReplyTo = replyTo;
        pendingQueues = queues;
        pendingHeaderSize = headerSize;
        pendingSize = total;
        state = State.PAYLOAD;
        return true;
    }

    // <payload of pendingSize bytes> "\r\n"
    private boolean decodePayload(ByteBuf in) {
        int size = pendingSize;
        int status = ControlLines.payloadStatus(in, size);
        if (status != ControlLines.PAYLOAD_READY) {
            return status == ControlLines.PAYLOAD_INCOMPLETE ? false : fail(ProtocolError.UNKNOWN_OPERATION);
        }
        int start = in.readerIndex();
        ByteBuf message = in.slice(start, size);
        Op op = pendingOp;
        String origin = pendingOrigin;
        String account = pendingAccount;
        String subject = pendingSubject;
        String replyTo = pendingReplyTo;
        List<String> queues = pendingQueues;
        clearPending();
        state = State.OP;
        in.readerIndex(start + size + 2);
        if (op == Op.LMSG) {
            handler.onLeafMessage(origin, account, subject, replyTo, queues, pendingHeaderSize, message);
        } else {
            handler.onRouteMessage(account, subject, replyTo, queues, pendingHeaderSize, message);
        }
        return true;
    }

    // after PING/PONG/+OK: everything up to "\n" is ignored, then the op takes effect
    private boolean skipLine(ByteBuf in) {
        if (!ControlLines.skipRestOfLine(in)) {
            return false;
        }
        state = State.OP;
        Op op = pendingOp;
        pendingOp = null;
        switch (op) {
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            default -> handler.onOk();
        }
        return true;
    }

    private boolean fail(ProtocolError error) {
        state = State.FAILED;
        clearPending();
        handler.onProtocolError(error);
        return false;
    }

    private void clearPending() {
        pendingOp = null;
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
