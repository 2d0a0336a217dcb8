package io.natsboot.server.protocol;

import io.natsboot.server.test.DecoderTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Exact bytes in, exact ops out: each row is fed whole, one byte at a time, and split in two at every offset, and
 * must decode the same way each time. Expected behaviour was checked against nats-server 2.9.10.
 */
class ClientProtocolDecoderTest {

    private static final int MAX_CONTROL_LINE = 4096;
    private static final int MAX_PAYLOAD = 1024 * 1024;
    /** Rows over 200 bytes are split at their first and last 100 offsets only. */
    private static final DecoderTable TABLE = new DecoderTable(ClientProtocolDecoderTest::headersEnabled, 200, 100, 100);

    static Stream<Arguments> rows() {
        return Stream.of(
                // ops, any case, spaces and tabs, CRLF or bare LF
                row("PING\r\n", "PING"),
                row("ping\nPiNg\r\n", "PING", "PING"),
                row("PING junk\r\n", "PING"),
                row("PINGXYZ\r\n", "PING"),
                row("PONG\r\n", "PONG"),
                row("PONGX\r\n", "PONG"),
                row("+OK\r\nPING\r\n", "PING"),
                row("+OKAY\r\nPING\r\n", "PING"),
                row("CONNECT {\"verbose\":false}\r\n", "CONNECT {\"verbose\":false}"),
                row("CONNECT{}\r\n", "CONNECT {}"),
                row("connect \t {}\n", "CONNECT {}"),
                row("CONNECT\r\n", "CONNECT "),
                row("INFO {}\r\n", "INFO {}"),
                row("PUB foo 5\r\nhello\r\n", "PUB foo - hello"),
                row("PUB foo bar 2\r\nhi\r\n", "PUB foo bar hi"),
                row("pub\tfoo\t1\r\nx\r\n", "PUB foo - x"),
                row("PUB  foo  3 \r\nabc\r\n", "PUB foo - abc"),
                row("PUB foo 0\r\n\r\n", "PUB foo - "),
                row("PUB foo 4\r\na\r\nb\r\n", "PUB foo - a\r\nb"),
                row("PUB foo 5\nhello\r\n", "PUB foo - hello"),
                row("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "HPUB foo - 12 NATS/1.0\r\n\r\nhi"),
                row("HPUB foo r 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "HPUB foo r 12 NATS/1.0\r\n\r\nhi"),
                row("HPUB foo 0 2\r\nab\r\n", "HPUB foo - 0 ab"),
                row("SUB foo 1\r\n", "SUB foo - 1"),
                row("SUB foo q 2\r\n", "SUB foo q 2"),
                row("sub foo.*  q \t 2\r\n", "SUB foo.* q 2"),
                row("SUB f\u00c3\u00a9 1\r\n", "SUB f\u00c3\u00a9 - 1"),
                row("UNSUB 1\r\n", "UNSUB 1 0"),
                row("UNSUB 1 5\r\n", "UNSUB 1 5"),
                row("UNSUB 1 x\r\n", "UNSUB 1 -1"),
                row("PUB a 1\r\nx\r\nSUB b 2\r\nPING\r\n", "PUB a - x", "SUB b - 2", "PING"),
                // unknown ops and bad framing: -ERR 'Unknown Protocol Operation'
                row("FOO\r\n", "ERROR UNKNOWN_OPERATION"),
                row("PUX\r\n", "ERROR UNKNOWN_OPERATION"),
                row("PUB\r\n", "ERROR UNKNOWN_OPERATION"),
                row("UNSUB\r\n", "ERROR UNKNOWN_OPERATION"),
                row("SUBX foo 1\r\n", "ERROR UNKNOWN_OPERATION"),
                row("\r\n", "ERROR UNKNOWN_OPERATION"),
                row(" PING\r\n", "ERROR UNKNOWN_OPERATION"),
                row("+X\r\n", "ERROR UNKNOWN_OPERATION"),
                row("MSG foo 1 2\r\nab\r\n", "ERROR UNKNOWN_OPERATION"),
                row("PUB foo 2\r\nabc\r\n", "ERROR UNKNOWN_OPERATION"),
                row("PUB foo 2\r\nab\n", "ERROR UNKNOWN_OPERATION"),
                row("PUB foo 2\r\nab\rX", "ERROR UNKNOWN_OPERATION"),
                row("PING\r\nFOO\r\nPING\r\n", "PING", "ERROR UNKNOWN_OPERATION"),
                // argument errors: closed without -ERR
                row("PUB foo\r\n", "ERROR BAD_ARGUMENTS"),
                row("PUB foo x\r\n", "ERROR BAD_ARGUMENTS"),
                row("PUB foo -1\r\n", "ERROR BAD_ARGUMENTS"),
                row("PUB foo 1234567890\r\n", "ERROR BAD_ARGUMENTS"),
                row("PUB foo bar baz 1\r\n", "ERROR BAD_ARGUMENTS"),
                row("PUB foo 2\rab\r\n", "ERROR BAD_ARGUMENTS"),
                row("SUB foo\r\n", "ERROR BAD_ARGUMENTS"),
                row("SUB foo 1 2 3\r\n", "ERROR BAD_ARGUMENTS"),
                row("UNSUB 1 2 3\r\n", "ERROR BAD_ARGUMENTS"),
                row("HPUB foo 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("HPUB foo 3 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("-ERR 'x'\r\n", "ERROR PEER_ERROR"),
                // limits
                row("PUB foo 1048577\r\n", "ERROR MAX_PAYLOAD"),
                row("HPUB foo 2 1048577\r\n", "ERROR MAX_PAYLOAD"),
                row("SUB " + "a".repeat(4092) + " 1\r\n", "SUB " + "a".repeat(4092) + " - 1"),
                row("PUB " + "a".repeat(4095) + " 0\r\n\r\n", "ERROR MAX_CONTROL_LINE"),
                row("CONNECT " + " ".repeat(5000) + "{}\r\n", "CONNECT {}"),
                row("SUB " + "a".repeat(4200), "ERROR MAX_CONTROL_LINE"),
                row("CONNECT {\"name\":\"" + "a".repeat(5000) + "\"}\r\n", "ERROR MAX_CONTROL_LINE"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void whole(String input, List<String> expected) {
        assertThat(TABLE.whole(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void byteByByte(String input, List<String> expected) {
        assertThat(TABLE.byteByByte(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void splitAtEveryOffset(String input, List<String> expected) {
        TABLE.assertEverySplit(input, expected);
    }

    @org.junit.jupiter.api.Test
    void hpubIsRefusedUntilHeadersAreEnabled() {
        RecordingHandler handler = new RecordingHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new ClientProtocolDecoder(handler, MAX_CONTROL_LINE, MAX_PAYLOAD));
        ch.writeInbound(Unpooled.copiedBuffer("HPUB foo 2 2\r\nab\r\n", StandardCharsets.ISO_8859_1));
        assertThat(handler.ops).containsExactly("ERROR BAD_ARGUMENTS");
        assertThat(ch.finish()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nothingIsReadAfterAnError() {
        RecordingHandler handler = new RecordingHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new ClientProtocolDecoder(handler, MAX_CONTROL_LINE, MAX_PAYLOAD));
        ch.writeInbound(Unpooled.copiedBuffer("FOO\r\n", StandardCharsets.ISO_8859_1));
        ch.writeInbound(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.ISO_8859_1));
        assertThat(handler.ops).containsExactly("ERROR UNKNOWN_OPERATION");
        assertThat(ch.finish()).isFalse();
    }

    private static Arguments row(String input, String... ops) {
        return arguments(input, List.of(ops));
    }

    /** A decoder with headers enabled, as after a CONNECT that asked for them. */
    private static DecoderTable.Decoding headersEnabled() {
        RecordingHandler handler = new RecordingHandler();
        ClientProtocolDecoder decoder = new ClientProtocolDecoder(handler, MAX_CONTROL_LINE, MAX_PAYLOAD);
        decoder.setHeadersEnabled(true);
        return new DecoderTable.Decoding(decoder, handler.ops);
    }

    /** Writes each op as one line of text. */
    private static final class RecordingHandler implements ClientOpHandler {
        final List<String> ops = new ArrayList<>();

        @Override
        public void onConnect(String json) {
            ops.add("CONNECT " + json);
        }

        @Override
        public void onInfo(String json) {
            ops.add("INFO " + json);
        }

        @Override
        public void onPub(String subject, String replyTo, ByteBuf payload) {
            ops.add("PUB " + subject + " " + orDash(replyTo) + " " + payload.toString(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onHpub(String subject, String replyTo, int headerSize, ByteBuf message) {
            ops.add("HPUB " + subject + " " + orDash(replyTo) + " " + headerSize + " "
                    + message.toString(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onSub(String subject, String queue, String sid) {
            ops.add("SUB " + subject + " " + orDash(queue) + " " + sid);
        }

        @Override
        public void onUnsub(String sid, int max) {
            ops.add("UNSUB " + sid + " " + max);
        }

        @Override
        public void onPing() {
            ops.add("PING");
        }

        @Override
        public void onPong() {
            ops.add("PONG");
        }

        @Override
        public void onProtocolError(ProtocolError error) {
            ops.add("ERROR " + error.name());
        }

        private static String orDash(String s) {
            return s == null ? "-" : s;
        }
    }
}
