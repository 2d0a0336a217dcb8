package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the client protocol from a byte stream and hands each op to a {@link ClientOpHandler}; one per connection,
 * used only on its event loop.
 *
 * <pre>
 *   op            := keyword [sep args] ["\r"] "\n" [payload "\r\n"]     keyword in any case
 *   PUB           := "PUB" sep subject [sep reply-to] sep #bytes                then #bytes of payload
 *   HPUB          := "HPUB" sep subject [sep reply-to] sep #hdr sep #total      then #total bytes, headers first
 *   SUB           := "SUB" sep subject [sep queue] sep sid
 *   UNSUB         := "UNSUB" sep sid [sep max-msgs]
 *   CONNECT, INFO := keyword [sep] json                                         (no separator needed)
 *   PING, PONG, +OK := keyword, then anything up to "\n" is ignored
 *   -ERR          := "-ERR" sep text: the client reports an error; the server closes once the line is complete
 *   sep           := one or more spaces or tabs
 * </pre>
 *
 * The argument part of a line (after the keyword and its separator) may not exceed {@code maxControlLine} bytes, and a
 * payload size is checked against {@code maxPayload} before any payload is read. Nothing is decoded into a String
 * except the arguments themselves; a payload is handed over as a slice of the read buffer.
 */
public final class ClientProtocolDecoder extends ByteToMessageDecoder {

    /** No client op has more arguments: more is an argument error, not worth splitting further. */
    private static final int MAX_ARGS = 5;

    private enum State { OP, ARGS, SKIP_LINE, PAYLOAD, FAILED }

    private enum Op {
        PUB("PUB", true), HPUB("HPUB", true), SUB("SUB", true), UNSUB("UNSUB", true),
        PING("PING", false), PONG("PONG", false), CONNECT("CONNECT", false), INFO("INFO", false),
        OK("+OK", false), ERR("-ERR", true);

        final byte[] keyword;
        /** Whether a space or tab must follow the keyword (PUB, HPUB, SUB, UNSUB, -ERR). */
        final boolean needsSeparator;

        Op(String keyword, boolean needsSeparator) {
            this.keyword = keyword.getBytes(StandardCharsets.US_ASCII);
            this.needsSeparator = needsSeparator;
        }
    }

    private static final Op[] OPS = Op.values();
    private static final byte[][] KEYWORDS = Arrays.stream(OPS).map(op -> op.keyword).toArray(byte[][]::new);

    private final ClientOpHandler handler;
    private final int maxControlLine;
    private final int maxPayload;
    private boolean headersEnabled;

    private State state = State.OP;
    /** Bytes of the current, unfinished control line already searched for its LF (relative to the op start). */
    private int lineScanned;
    /**
     * The op whose line is being skipped (PING, PONG, +OK), whose arguments are awaited after its keyword and blanks
     * were consumed (ARGS), or whose payload is awaited (PUB, HPUB).
     */
    private Op pendingOp;
    private String pendingSubject;
    private String pendingReplyTo;
    private int pendingHeaderSize;
    private int pendingSize;

    private final Arguments args = new Arguments();
    private final RepeatedString subjects = new RepeatedString();

    public ClientProtocolDecoder(ClientOpHandler handler, int maxControlLine, int maxPayload) {
        this.handler = handler;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    /** Allows HPUB once the client has said in CONNECT that it speaks headers. */
    public void setHeadersEnabled(boolean headersEnabled) {
        this.headersEnabled = headersEnabled;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && !handler.isReadPaused()) {
            boolean progressed = switch (state) {
                case OP -> decodeOp(in);
                case ARGS -> decodeLine(in, pendingOp, in.readerIndex(), in.readerIndex());
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

    /**
     * While reading is paused on purpose, no further read is requested here (the base class would ask for one, as it
     * produced no message, and so keep buffering what the paused client sends).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (handler.isReadPaused()) {
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    /** Reads one op's keyword and control line; false when more bytes are needed. */
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
        switch (op) {
            case PING, PONG, OK -> {
                in.readerIndex(afterKeyword);
                pendingOp = op;
                state = State.SKIP_LINE;
                return true;
            }
            default -> {
                // fall through to the control line
            }
        }
        if (op.needsSeparator) {
            if (available == op.keyword.length) {
                return false;
            }
            if (!ControlLines.isSeparator(in.getByte(afterKeyword))) {
                return fail(ProtocolError.UNKNOWN_OPERATION);
            }
        }
        return decodeLine(in, op, start, afterKeyword);
    }

    /**
     * Reads the rest of a control line whose keyword (and maybe blanks) starts at {@code start} and whose blanks and
     * arguments start at {@code afterKeyword}; false when more bytes are needed.
     */
    private boolean decodeLine(ByteBuf in, Op op, int start, int afterKeyword) {
        int end = in.writerIndex();
        // A line that arrives in many reads is searched once, not again from its start on every read.
        int lf = in.indexOf(Math.max(afterKeyword, start + lineScanned), end, (byte) '\n');
        if (lf < 0) {
            // Still waiting for the end of the line. The keyword and the blanks after it are consumed (nats-server
            // skips blanks without buffering them, so they do not count against max_control_line); the arguments
            // so far stay buffered and are refused as soon as they are too long, as nats-server checks what it has
            // buffered after every read. A CR at the very end (its LF not here yet) does not count.
            int argsFrom = ControlLines.skipSeparators(in, afterKeyword, end);
            in.readerIndex(argsFrom);
            pendingOp = op;
            state = State.ARGS;
            lineScanned = end - argsFrom;
            int pendingArgs = end - argsFrom;
            if (pendingArgs > 0 && in.getByte(end - 1) == '\r') {
                pendingArgs--;
            }
            if (pendingArgs > maxControlLine) {
                return fail(ProtocolError.MAX_CONTROL_LINE);
            }
            return false;
        }
        lineScanned = 0;
        state = State.OP;
        pendingOp = null;
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
            case PUB -> pub(line, length);
            case HPUB -> hpub(line, length);
            case SUB -> sub(line, length);
            case UNSUB -> unsub(line, length);
            case CONNECT -> {
                handler.onConnect(new String(line, 0, length, StandardCharsets.UTF_8));
                yield true;
            }
            case INFO -> {
                handler.onInfo(new String(line, 0, length, StandardCharsets.UTF_8));
                yield true;
            }
            // nats-server reads the whole -ERR line (subject to the control line limit), then closes silently
            case ERR -> fail(ProtocolError.PEER_ERROR);
            default -> throw new IllegalStateException(op.name());
        };
    }

    // PUB <subject> [reply-to] <#bytes>
    private boolean pub(byte[] line, int length) {
        int n = args.split(line, length, MAX_ARGS);
        if (n != 2 && n != 3) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        int size = args.size(line, n - 1);
        if (size < 0) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        if (size > maxPayload) {
            return fail(ProtocolError.MAX_PAYLOAD);
        }
        String subject = subjects.of(line, args.start(0), args.end(0));
        expectPayload(Op.PUB, subject, n == 3 ? args.string(line, 1) : null, 0, size);
        return true;
    }

    // HPUB <subject> [reply-to] <#header bytes> <#total bytes>
    private boolean hpub(byte[] line, int length) {
        if (!headersEnabled) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        int n = args.split(line, length, MAX_ARGS);
        if (n != 3 && n != 4) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        int headerSize = args.size(line, n - 2);
        int total = args.size(line, n - 1);
        if (headerSize < 0 || total < 0 || headerSize > total) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        if (total > maxPayload) {
            return fail(ProtocolError.MAX_PAYLOAD);
        }
        String subject = subjects.of(line, args.start(0), args.end(0));
        expectPayload(Op.HPUB, subject, n == 4 ? args.string(line, 1) : null, headerSize, total);
        return true;
    }

    // SUB <subject> [queue] <sid>
    private boolean sub(byte[] line, int length) {
        int n = args.split(line, length, MAX_ARGS);
        if (n != 2 && n != 3) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        handler.onSub(args.string(line, 0), n == 3 ? args.string(line, 1) : null, args.string(line, n - 1));
        return true;
    }

    // UNSUB <sid> [max-msgs]; a max that is not a number means "now", as in nats-server
    private boolean unsub(byte[] line, int length) {
        int n = args.split(line, length, MAX_ARGS);
        if (n != 1 && n != 2) {
            return fail(ProtocolError.BAD_ARGUMENTS);
        }
        int max = n == 2 ? args.size(line, 1) : 0;
        handler.onUnsub(args.string(line, 0), max);
        return true;
    }

    private void expectPayload(Op op, String subject, String replyTo, int headerSize, int size) {
        pendingOp = op;
        pendingSubject = subject;
        pendingReplyTo = replyTo;
        pendingHeaderSize = headerSize;
        pendingSize = size;
        state = State.PAYLOAD;
    }

    // <payload of pendingSize bytes> "\r\n"
    private boolean decodePayload(ByteBuf in) {
        int size = pendingSize;
        int status = ControlLines.payloadStatus(in, size);
        if (status != ControlLines.PAYLOAD_READY) {
            return status == ControlLines.PAYLOAD_INCOMPLETE ? false : fail(ProtocolError.UNKNOWN_OPERATION);
        }
        int start = in.readerIndex();
        ByteBuf payload = in.slice(start, size);
        String subject = pendingSubject;
        String replyTo = pendingReplyTo;
        pendingSubject = null;
        pendingReplyTo = null;
        state = State.OP;
        in.readerIndex(start + size + 2);
        if (pendingOp == Op.PUB) {
            handler.onPub(subject, replyTo, payload);
        } else {
            handler.onHpub(subject, replyTo, pendingHeaderSize, payload);
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
        if (op == Op.PING) {
            handler.onPing();
        } else if (op == Op.PONG) {
            handler.onPong();
        }
        return true;
    }

    private boolean fail(ProtocolError error) {
        state = State.FAILED;
        pendingSubject = null;
        pendingReplyTo = null;
        handler.onProtocolError(error);
        return false;
    }
}
