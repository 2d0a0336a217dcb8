package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The part every NATS text protocol shares (client, route, leaf node): ops are read one after the other from a byte
 * stream, each a keyword from an {@link OpTable} (any case), a control line, and for some a payload.
 *
 * <pre>
 *   op   := keyword [sep args] ["\r"] "\n" [payload "\r\n"]
 *   sep  := one or more spaces or tabs
 * </pre>
 *
 * This class finds the keyword, the end of the control line (searching each byte once however many reads the line
 * takes), enforces {@code maxControlLine} on the arguments, frames payloads and stops for good on the first
 * failure. A subclass adds its op table and what the ops mean: it parses each control line in
 * {@link #onLine}, announces a payload with {@link #expectPayload}, and receives it in {@link #onPayload}.
 *
 * <p>One per connection, used only on its event loop. Nothing is allocated per op here: the control line is copied
 * into a reused buffer ({@link #args}) and a payload is the read buffer itself, narrowed to it.
 *
 * <p>Each subclass is final and overrides {@link #decode} with a call to {@link #decodeOps}: the compiler then
 * inlines the loop into each subclass's own method, where the calls to the hooks below go to one known class
 * (one shared loop would see every kind of connection and dispatch them through a virtual call).
 */
public abstract class OpDecoder extends ByteToMessageDecoder {

    /** How the part of a control line that has arrived is held and bounded while its LF is awaited. */
    public enum PartialLine {
        /**
         * As nats-server reads client lines: the keyword and the blanks after it are consumed (so they do not count
         * against the limit), the arguments so far stay buffered and fail as soon as they exceed the limit, a CR at
         * the very end (its LF not here yet) not counted.
         */
        SKIP_BLANKS,
        /**
         * Everything stays buffered until the LF: the arguments so far fail once longer than the limit plus one (a
         * CR), and the whole line (blanks included) once longer than twice the limit plus 1 KiB.
         */
        KEEP_BUFFERED
    }

    /** {@link #readOp}: wait for more bytes, or stop (failed). */
    private static final int STOP = -1;
    /** {@link #readOp}: a WORD op was matched; its line is being skipped. */
    private static final int SKIPPING = -2;
    private static final int NO_OP = -1;
    /** How many bytes from the failing one nats-server quotes in its parser error ({@code PROTO_SNIPPET_SIZE}). */
    private static final int SNIPPET_SIZE = 32;

    private enum State { OP, ARGS, SKIP_LINE, PAYLOAD, FAILED }

    private final byte[][] keywords;
    private final OpTable.Form[] forms;
    private final int maxControlLine;
    private final PartialLine partialLine;

    /** The current control line's arguments, reused line after line; subclasses split and read them. */
    protected final Arguments args = new Arguments();

    private State state = State.OP;
    /** Bytes of the current, unfinished control line already searched for its LF (relative to the op start). */
    private int lineScanned;
    /** The op whose line is skipped (WORD), whose arguments are awaited (ARGS) or whose payload is awaited. */
    private int pendingOp = NO_OP;
    private int pendingSize;
    /** The control line of the op {@link #readOp} returned, and its length. */
    private byte[] line;
    private int lineLength;
    /** How many bytes the last socket read brought: they are the last ones of the buffer being decoded. */
    private int lastReadBytes;
    /** What went wrong, in nats-server's words, once the decoder has failed; {@code null} before. */
    private String failureText;

    protected OpDecoder(OpTable table, int maxControlLine, PartialLine partialLine) {
        this.keywords = table.keywords;
        this.forms = table.forms;
        this.maxControlLine = maxControlLine;
        this.partialLine = partialLine;
    }

    /**
     * Decodes every op {@code in} holds, until more bytes are needed, reading is paused or the decoder has failed.
     * Called only from a subclass's {@link #decode} (see the class comment).
     */
    protected final void decodeOps(ByteBuf in) {
        while (in.isReadable() && !isReadPaused()) {
            switch (state) {
                case OP, ARGS -> {
                    int op = state == State.OP ? readOp(in) : readLine(in, pendingOp, in.readerIndex(),
                            in.readerIndex());
                    if (op == STOP || (op >= 0 && !onLine(op, line, lineLength))) {
                        return;
                    }
                }
                case SKIP_LINE -> {
                    if (!ControlLines.skipRestOfLine(in)) {
                        return;
                    }
                    state = State.OP;
                    int op = pendingOp;
                    pendingOp = NO_OP;
                    onWord(op);
                }
                case PAYLOAD -> {
                    int size = pendingSize;
                    int status = ControlLines.payloadStatus(in, size);
                    if (status != ControlLines.PAYLOAD_READY) {
                        if (status == ControlLines.PAYLOAD_BAD_END) {
                            int cr = in.readerIndex() + size;
                            boolean crMissing = in.getByte(cr) != '\r';
                            failUnknown(in, crMissing ? cr : cr + 1,
                                    crMissing ? ParserStates.PAYLOAD_END_CR : ParserStates.PAYLOAD_END_LF);
                        }
                        return;
                    }
                    int op = pendingOp;
                    pendingOp = NO_OP;
                    state = State.OP;
                    // The read buffer itself, narrowed to the payload for the call: a slice would be one object
                    // per message on the hottest path.
                    int start = in.readerIndex();
                    int end = in.writerIndex();
                    in.writerIndex(start + size);
                    try {
                        onPayload(op, in);
                    } finally {
                        in.writerIndex(end);
                        in.readerIndex(start + size + 2);
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /**
     * A complete control line of op {@code op} (an index into the table; not a WORD op): {@code line[0, length)}
     * holds its arguments, blanks before them and the CR before the LF removed. Parse it, then hand the op over,
     * call {@link #expectPayload} or {@link #fail}.
     *
     * @return false to stop decoding ({@link #fail} or {@link #stopReading} was called)
     */
    protected abstract boolean onLine(int op, byte[] line, int length);

    /** A WORD op whose line has been read to its end. */
    protected abstract void onWord(int op);

    /**
     * The payload announced by {@link #expectPayload}: the read buffer, its readable bytes narrowed to the payload
     * for the duration of the call. Read it without moving its indexes; keep it only as a retained duplicate or
     * slice. The decoder is ready for the next op.
     */
    protected abstract void onPayload(int op, ByteBuf payload);

    /** The decoder has stopped for good on bad input: report {@code error}. */
    protected abstract void onFailure(ProtocolError error);

    /**
     * Whether the decoder must stop handing over ops for now; the bytes left stay buffered until it is fed again.
     * Checked before every op.
     */
    protected boolean isReadPaused() {
        return false;
    }

    /** From {@link #onLine}: {@code size} bytes of payload, then CRLF, follow the line of {@code op}. */
    protected final void expectPayload(int op, int size) {
        pendingOp = op;
        pendingSize = size;
        state = State.PAYLOAD;
    }

    /** Stops decoding for good and reports {@code error} through {@link #onFailure}; returns false. */
    protected final boolean fail(ProtocolError error) {
        return fail(error, null);
    }

    /**
     * Stops decoding for good, keeps {@code text} (what nats-server logs for it, see {@link #failureText}) and
     * reports {@code error} through {@link #onFailure}; returns false.
     */
    protected final boolean fail(ProtocolError error, String text) {
        state = State.FAILED;
        failureText = text;
        onFailure(error);
        return false;
    }

    /**
     * After a failure, the text nats-server logs for it (its connection prefix left out), e.g.
     * {@code Client parser ERROR, state=0, i=12: proto='"FOO\r"...'}; {@code null} when there is none.
     */
    public String failureText() {
        return failureText;
    }

    /** The word nats-server's parser error starts with for this kind of connection. */
    protected String kindName() {
        return "Client";
    }

    /**
     * Fails on a byte no op can start or go on with, describing it as nats-server's byte-at-a-time parser would:
     * its state there, the byte's index in the socket read it came with, and the read from that byte on.
     */
    private void failUnknown(ByteBuf in, int offending, int parserState) {
        int end = in.writerIndex();
        // the read is whole in the buffer while its ops are decoded (only bytes of earlier reads are ever dropped)
        int readStart = Math.max(0, end - lastReadBytes);
        int i = Math.max(0, offending - readStart);
        int length = end - readStart;
        int stop = i + SNIPPET_SIZE > length ? length - 1 : i + SNIPPET_SIZE;
        String snippet = i >= length || stop <= i ? "\"\""
                : GoQuote.quote(in.toString(readStart + i, stop - i, StandardCharsets.ISO_8859_1));
        fail(ProtocolError.UNKNOWN_OPERATION, kindName() + " parser ERROR, state=" + parserState + ", i=" + i
                + ": proto='" + snippet + "...'");
    }

    /** The longest start of a keyword (upper case) that the bytes at {@code start} follow; "" for none. */
    private String keywordPrefix(ByteBuf in, int start, int available) {
        int best = 0;
        byte[] bestKeyword = null;
        for (byte[] keyword : keywords) {
            int n = 0;
            while (n < keyword.length && n < available && ControlLines.upper(in.getByte(start + n)) == keyword[n]) {
                n++;
            }
            if (n > best) {
                best = n;
                bestKeyword = keyword;
            }
        }
        return bestKeyword == null ? "" : new String(bestKeyword, 0, best, StandardCharsets.ISO_8859_1);
    }

    /** Notes how many bytes this read brings, for the position a parser error shows. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf read) {
            lastReadBytes = read.readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    /** Stops decoding for good without a failure (the peer said it is done, as with a route's -ERR). */
    protected final void stopReading() {
        state = State.FAILED;
    }

    /**
     * While reading is paused on purpose, no further read is requested here (the base class would ask for one, as it
     * produced no message, and so keep buffering what the paused peer sends).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (isReadPaused()) {
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    /** Subclasses override this with {@code decodeOps(in)} (see the class comment). */
    @Override
    protected abstract void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out);

    /** Reads one op's keyword and, unless it is a WORD op, its control line: the op, {@link #SKIPPING} or STOP. */
    private int readOp(ByteBuf in) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        int op = ControlLines.matchKeyword(in, start, available, keywords);
        if (op < 0) {
            if (!ControlLines.isKeywordPrefix(in, start, available, keywords)) {
                String prefix = keywordPrefix(in, start, available);
                failUnknown(in, start + prefix.length(), ParserStates.afterPrefix(prefix));
            }
            return STOP;
        }
        int keywordLength = keywords[op].length;
        int afterKeyword = start + keywordLength;
        OpTable.Form form = forms[op];
        if (form == OpTable.Form.WORD) {
            in.readerIndex(afterKeyword);
            pendingOp = op;
            state = State.SKIP_LINE;
            return SKIPPING;
        }
        if (form == OpTable.Form.SEPARATED) {
            if (available == keywordLength) {
                return STOP;
            }
            if (!ControlLines.isSeparator(in.getByte(afterKeyword))) {
                failUnknown(in, afterKeyword, ParserStates.afterPrefix(
                        new String(keywords[op], StandardCharsets.ISO_8859_1)));
                return STOP;
            }
        }
        return readLine(in, op, start, afterKeyword);
    }

    /**
     * Reads the rest of a control line whose keyword (and maybe blanks) starts at {@code start} and whose blanks and
     * arguments start at {@code afterKeyword}: {@code op} once the line is complete (copied into {@link #line}),
     * else STOP.
     */
    private int readLine(ByteBuf in, int op, int start, int afterKeyword) {
        int end = in.writerIndex();
        // A line that arrives in many reads is searched once, not again from its start on every read.
        int lf = in.indexOf(Math.max(afterKeyword, start + lineScanned), end, (byte) '\n');
        if (lf < 0) {
            awaitLineEnd(in, op, start, afterKeyword, end);
            return STOP;
        }
        lineScanned = 0;
        state = State.OP;
        pendingOp = NO_OP;
        int lineEnd = lf > afterKeyword && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int argsFrom = ControlLines.skipSeparators(in, afterKeyword, lineEnd);
        int length = lineEnd - argsFrom;
        if (length > maxControlLine) {
            fail(ProtocolError.MAX_CONTROL_LINE);
            return STOP;
        }
        // The arguments are parsed from a copy: one bulk read instead of a bounds-checked call per byte.
        line = args.copyLine(in, argsFrom, length);
        lineLength = length;
        in.readerIndex(lf + 1);
        return op;
    }

    /** The line's LF has not arrived: keep what is needed and fail as soon as the line is certainly too long. */
    private void awaitLineEnd(ByteBuf in, int op, int start, int afterKeyword, int end) {
        if (partialLine == PartialLine.SKIP_BLANKS) {
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
                fail(ProtocolError.MAX_CONTROL_LINE);
            }
        } else {
            int available = end - start;
            lineScanned = available;
            if (available > 2 * maxControlLine + 1024
                    || end - ControlLines.skipSeparators(in, afterKeyword, end) > maxControlLine + 1) {
                fail(ProtocolError.MAX_CONTROL_LINE);
            }
        }
    }
}
