package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
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
public final class ClientProtocolDecoder extends OpDecoder {

    /** No client op has more arguments: more is an argument error, not worth splitting further. */
    private static final int MAX_ARGS = 5;

    private enum Op implements OpTable.Op {
        PUB("PUB", OpTable.Form.SEPARATED), HPUB("HPUB", OpTable.Form.SEPARATED),
        SUB("SUB", OpTable.Form.SEPARATED), UNSUB("UNSUB", OpTable.Form.SEPARATED),
        PING("PING", OpTable.Form.WORD), PONG("PONG", OpTable.Form.WORD),
        CONNECT("CONNECT", OpTable.Form.JOINED), INFO("INFO", OpTable.Form.JOINED),
        OK("+OK", OpTable.Form.WORD), ERR("-ERR", OpTable.Form.SEPARATED);

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

    private final ClientOpHandler handler;
    private final int maxPayload;
    private boolean headersEnabled;

    private String pendingSubject;
    private String pendingReplyTo;
    private int pendingHeaderSize;

    private final RepeatedString subjects = new RepeatedString();

    public ClientProtocolDecoder(ClientOpHandler handler, int maxControlLine, int maxPayload) {
        super(TABLE, maxControlLine, PartialLine.SKIP_BLANKS);
        this.handler = handler;
        this.maxPayload = maxPayload;
    }

    /** Allows HPUB once the client has said in CONNECT that it speaks headers. */
    public void setHeadersEnabled(boolean headersEnabled) {
        this.headersEnabled = headersEnabled;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decodeOps(in);
    }

    @Override
    protected boolean isReadPaused() {
        return handler.isReadPaused();
    }

    @Override
    protected boolean onLine(int op, byte[] line, int length) {
        return switch (OPS[op]) {
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
            default -> throw new IllegalStateException(OPS[op].name());
        };
    }

    // after PING/PONG/+OK: everything up to "\n" is ignored, then the op takes effect
    @Override
    protected void onWord(int op) {
        if (op == Op.PING.ordinal()) {
            handler.onPing();
        } else if (op == Op.PONG.ordinal()) {
            handler.onPong();
        }
    }

    // PUB <subject> [reply-to] <#bytes>
    private boolean pub(byte[] line, int length) {
        int n = args.split(line, length, MAX_ARGS);
        if (n != 2 && n != 3) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processPub Parse Error: " + quoted(line, length));
        }
        int size = args.size(line, n - 1);
        if (size < 0) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processPub Bad or Missing Size: " + quoted(line, length));
        }
        if (size > maxPayload) {
            return fail(ProtocolError.MAX_PAYLOAD, maxPayloadText(size));
        }
        String subject = subjects.of(line, args.start(0), args.end(0));
        expectPayload(Op.PUB, subject, n == 3 ? args.string(line, 1) : null, 0, size);
        return true;
    }

    // HPUB <subject> [reply-to] <#header bytes> <#total bytes>
    private boolean hpub(byte[] line, int length) {
        if (!headersEnabled) {
            return fail(ProtocolError.BAD_ARGUMENTS, "message headers not supported");
        }
        int n = args.split(line, length, MAX_ARGS);
        if (n != 3 && n != 4) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processHeaderPub Parse Error: " + quoted(line, length));
        }
        int headerSize = args.size(line, n - 2);
        int total = args.size(line, n - 1);
        if (headerSize < 0) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processHeaderPub Bad or Missing Header Size: "
                    + quoted(line, length));
        }
        if (total < 0) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processHeaderPub Bad or Missing Total Size: "
                    + quoted(line, length));
        }
        if (headerSize > total) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processHeaderPub Header Size larger then TotalSize: "
                    + quoted(line, length));
        }
        if (total > maxPayload) {
            return fail(ProtocolError.MAX_PAYLOAD, maxPayloadText(total));
        }
        String subject = subjects.of(line, args.start(0), args.end(0));
        expectPayload(Op.HPUB, subject, n == 4 ? args.string(line, 1) : null, headerSize, total);
        return true;
    }

    // SUB <subject> [queue] <sid>
    private boolean sub(byte[] line, int length) {
        int n = args.split(line, length, MAX_ARGS);
        if (n != 2 && n != 3) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processSub Parse Error: " + quoted(line, length));
        }
        handler.onSub(args.string(line, 0), n == 3 ? args.string(line, 1) : null, args.string(line, n - 1));
        return true;
    }

    // UNSUB <sid> [max-msgs]; a max that is not a number means "now", as in nats-server
    private boolean unsub(byte[] line, int length) {
        int n = args.split(line, length, MAX_ARGS);
        if (n != 1 && n != 2) {
            return fail(ProtocolError.BAD_ARGUMENTS, "processUnsub Parse Error: " + quoted(line, length));
        }
        int max = n == 2 ? args.size(line, 1) : 0;
        handler.onUnsub(args.string(line, 0), max);
        return true;
    }

    // nats-server's texts for the failures it logs, with the arguments as it quotes them
    private static String quoted(byte[] line, int length) {
        return GoQuote.quote(new String(line, 0, length, StandardCharsets.ISO_8859_1));
    }

    private String maxPayloadText(int size) {
        return "maximum payload exceeded: " + size + " vs " + maxPayload;
    }

    private void expectPayload(Op op, String subject, String replyTo, int headerSize, int size) {
        pendingSubject = subject;
        pendingReplyTo = replyTo;
        pendingHeaderSize = headerSize;
        expectPayload(op.ordinal(), size);
    }

    // <payload of the announced size> "\r\n"
    @Override
    protected void onPayload(int op, ByteBuf payload) {
        String subject = pendingSubject;
        String replyTo = pendingReplyTo;
        pendingSubject = null;
        pendingReplyTo = null;
        if (op == Op.PUB.ordinal()) {
            handler.onPub(subject, replyTo, payload);
        } else {
            handler.onHpub(subject, replyTo, pendingHeaderSize, payload);
        }
    }

    @Override
    protected void onFailure(ProtocolError error) {
        pendingSubject = null;
        pendingReplyTo = null;
        handler.onProtocolError(error);
    }
}
