package io.natsboot.server.protocol.route;

import io.natsboot.server.test.DecoderTable;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Exact bytes in, exact ops out: each row is fed whole, one byte at a time, and split in two at every offset, and
 * must decode the same way each time. Lines marked "2.9.10" were captured from real nats-server 2.9.10 routes; the
 * argument rules follow what 2.9.10 accepts.
 */
class RouteProtocolDecoderTest {

    /** Small caps for the table, so that the limit rows stay short; the defaults are tested separately. */
    private static final int MAX_CONTROL_LINE = 4096;
    private static final int MAX_PAYLOAD = 8192;
    /** Rows over 400 bytes are split at their first 200 and last 100 offsets only. */
    private static final DecoderTable TABLE = new DecoderTable(RouteProtocolDecoderTest::smallCaps, 400, 200, 100);

    private static final String HANDSHAKE_CONNECT = "CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":true,\"name\":\"NB2Y\",\"cluster\":\"demo\",\"lnoc\":true}";
    private static final String HANDSHAKE_INFO = "INFO {\"server_id\":\"NB2Y\",\"server_name\":\"B\","
            + "\"version\":\"2.9.10\",\"proto\":2,\"go\":\"go1.19.8\",\"host\":\"127.0.0.1\",\"port\":34249,"
            + "\"headers\":true,\"max_payload\":1048576,\"nonce\":\"kCqptg7q1Mef8mU\",\"cluster\":\"demo\","
            + "\"connect_urls\":[\"127.0.0.1:34223\"],\"lnoc\":true}";

    static Stream<Arguments> rows() {
        return Stream.of(
                // 2.9.10 handshake (soliciting side): CONNECT then INFO with its trailing space, in one read
                row(HANDSHAKE_CONNECT + "\r\n" + HANDSHAKE_INFO + " \r\n", HANDSHAKE_CONNECT, HANDSHAKE_INFO),
                // 2.9.10 gossip INFO: no trailing space
                row("INFO {\"server_id\":\"NDD7\",\"ip\":\"nats-route://127.0.0.1:34251/\"}\r\n",
                        "INFO {\"server_id\":\"NDD7\",\"ip\":\"nats-route://127.0.0.1:34251/\"}"),
                row("INFO{}\r\n", "INFO {}"),
                row("info \t {} \t \n", "INFO {}"),
                row("INFO\r\n", "INFO "),
                row("CONNECT {}\r\nINFO {}\r\n", "CONNECT {}", "INFO {}"),
                row("INFO {\"server_name\":\"\u00c3\u00a9\"}\r\n", "INFO {\"server_name\":\"\u00e9\"}"),
                // PING/PONG/+OK, anything up to LF ignored
                row("PING\r\nPONG\r\n", "PING", "PONG"),
                row("ping\npOnG\r\n", "PING", "PONG"),
                row("PING junk\r\nPONGX\r\n", "PING", "PONG"),
                row("+OK\r\n+ok junk\n", "+OK", "+OK"),
                // 2.9.10 interest lines
                row("RS+ $SYS $SYS.SERVER.*.SHUTDOWN\r\n", "RS+ $SYS $SYS.SERVER.*.SHUTDOWN"),
                row("RS+ $G foo\r\nRS+ $G bar workers 1\r\nRS+ $G bar workers 2\r\n",
                        "RS+ $G foo", "RS+ $G bar workers 1", "RS+ $G bar workers 2"),
                row("RS- $G foo\r\n", "RS- $G foo"),
                row("RS+ $G bar workers 1\r\nRS- $G bar workers\r\n", "RS+ $G bar workers 1", "RS- $G bar workers"),
                row("RS+ $G _INBOX.abc.*\r\n", "RS+ $G _INBOX.abc.*"),
                row("rs+\t$G \t foo  \n", "RS+ $G foo"),
                row("Rs- $G foo q\n", "RS- $G foo q"),
                row("RS+ $G foo q 0\r\n", "RS+ $G foo q 0"),
                row("RS+ $G foo q 999999999\r\n", "RS+ $G foo q 999999999"),
                row("RS+ ACC f\u00c3\u00a9 q\u00ff 3\r\n", "RS+ ACC f\u00c3\u00a9 q\u00ff 3"),
                // 2.9.10 messages
                row("RMSG $G foo 5\r\nhello\r\n", "RMSG $G foo - - hello"),
                row("RMSG $G foo my.reply 2\r\nhi\r\n", "RMSG $G foo my.reply - hi"),
                row("HMSG $G foo 22 27\r\nNATS/1.0\r\nX-Key: v\r\n\r\nhello\r\n",
                        "HMSG $G foo - - 22 NATS/1.0\r\nX-Key: v\r\n\r\nhello"),
                row("RMSG $G bar | workers 3\r\nq-1\r\n", "RMSG $G bar - workers q-1"),
                row("RMSG $G foo + my.reply q1 q2 5\r\nhello\r\n", "RMSG $G foo my.reply q1,q2 hello"),
                row("RMSG $G foo | q1 q2 5\r\nhello\r\n", "RMSG $G foo - q1,q2 hello"),
                row("RMSG $G bar + rep.ly workers 3\r\nq-3\r\n", "RMSG $G bar rep.ly workers q-3"),
                row("HMSG $G foo | q1 q2 22 27\r\nNATS/1.0\r\nX-Key: v\r\n\r\nhello\r\n",
                        "HMSG $G foo - q1,q2 22 NATS/1.0\r\nX-Key: v\r\n\r\nhello"),
                row("HMSG $G foo + r.x q1 q2 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
                        "HMSG $G foo r.x q1,q2 12 NATS/1.0\r\n\r\nhi"),
                row("HMSG $G foo r 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "HMSG $G foo r - 12 NATS/1.0\r\n\r\nhi"),
                // other forms 2.9.10 accepts: "+" with a reply and no queue, sizes 0, any case, blanks, bare LF
                row("RMSG $G foo + r 1\r\nx\r\n", "RMSG $G foo r - x"),
                row("HMSG $G foo + r 0 1\r\nx\r\n", "HMSG $G foo r - 0 x"),
                row("HMSG $G foo | q 0 0\r\n\r\n", "HMSG $G foo - q 0 "),
                row("RMSG $G foo 0\r\n\r\n", "RMSG $G foo - - "),
                row("rmsg\t$G  foo \t 2 \nhi\r\n", "RMSG $G foo - - hi"),
                row("hmsg $G foo 0 2\nhi\r\n", "HMSG $G foo - - 0 hi"),
                row("RMSG $G foo 4\r\na\r\nb\r\n", "RMSG $G foo - - a\r\nb"),
                row("RMSG $G foo | a b c d e f g h i j 1\r\nx\r\n", "RMSG $G foo - a,b,c,d,e,f,g,h,i,j x"),
                // four arguments: the third is the reply, whatever it looks like (as in 2.9.10)
                row("RMSG $G foo | 1\r\nx\r\n", "RMSG $G foo | - x"),
                row("RMSG $G a 1\r\nx\r\nRMSG $G a 1\r\ny\r\nPING\r\n", "RMSG $G a - - x", "RMSG $G a - - y", "PING"),
                // leaf-origin ops (sent only to peers that advertise lnoc): parsed and reported
                row("LS+ leafcl $G foo\r\n", "LS+ leafcl $G foo"),
                row("LS+ leafcl $G foo q 2\r\n", "LS+ leafcl $G foo q 2"),
                row("LS- $G foo\r\nls- $G foo q\r\n", "LS- $G foo", "LS- $G foo q"),
                row("LMSG leafcl $G foo 0 5\r\nhello\r\n", "LMSG leafcl $G foo - - 0 hello"),
                row("LMSG leafcl $G foo r 0 2\r\nhi\r\n", "LMSG leafcl $G foo r - 0 hi"),
                row("LMSG leafcl $G foo + r q1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
                        "LMSG leafcl $G foo r q1 12 NATS/1.0\r\n\r\nhi"),
                row("LMSG leafcl $G foo | q1 q2 0 1\r\nx\r\n", "LMSG leafcl $G foo - q1,q2 0 x"),
                // gateway account ops: accepted and reported
                row("A+ $G\r\nA- $G\r\na+ acc x \r\n", "A+ $G", "A- $G", "A+ acc x"),
                // -ERR from the peer: reported, then nothing more is read
                row("-ERR 'Rejecting connection, cluster name \"X\" does not match \"Y\"'\r\nPING\r\n",
                        "-ERR Rejecting connection, cluster name \"X\" does not match \"Y\""),
                row("-ERR 'Authorization Violation' \n", "-ERR Authorization Violation"),
                row("-err\tno quotes\r\n", "-ERR no quotes"),
                row("-ERR ''\r\n", "-ERR "),
                row("-ERR '\r\n", "-ERR '"),
                // unknown ops and bad framing: -ERR 'Unknown Protocol Operation'
                row("FOO\r\n", "ERROR UNKNOWN_OPERATION"),
                row("\r\n", "ERROR UNKNOWN_OPERATION"),
                row(" PING\r\n", "ERROR UNKNOWN_OPERATION"),
                row("PUB foo 1\r\nx\r\n", "ERROR UNKNOWN_OPERATION"),
                row("SUB foo 1\r\n", "ERROR UNKNOWN_OPERATION"),
                row("MSG foo 1 1\r\nx\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RS+\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RS $G foo\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RS*$G foo\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RS+$G foo\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RMSG\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RMSGX $G foo 1\r\n", "ERROR UNKNOWN_OPERATION"),
                row("LS* $G foo\r\n", "ERROR UNKNOWN_OPERATION"),
                row("A*\r\n", "ERROR UNKNOWN_OPERATION"),
                row("A+\r\n", "ERROR UNKNOWN_OPERATION"),
                row("-ERR\r\n", "ERROR UNKNOWN_OPERATION"),
                row("+X\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RMSG $G foo 2\r\nabc\r\n", "ERROR UNKNOWN_OPERATION"),
                row("RMSG $G foo 2\r\nab\n", "ERROR UNKNOWN_OPERATION"),
                row("RMSG $G foo 2\r\nab\rX", "ERROR UNKNOWN_OPERATION"),
                row("HMSG $G foo 0 2\r\nabcd\r\n", "ERROR UNKNOWN_OPERATION"),
                row("PING\r\nFOO\r\nPING\r\n", "PING", "ERROR UNKNOWN_OPERATION"),
                // argument errors: closed without -ERR
                row("RS+ \r\n", "ERROR BAD_ARGUMENTS"),
                row("RS+ $G\r\n", "ERROR BAD_ARGUMENTS"),
                row("RS+ $G foo q\r\n", "ERROR BAD_ARGUMENTS"),
                row("RS+ $G foo q x\r\n", "ERROR BAD_ARGUMENTS"),
                row("RS+ $G foo q -1\r\n", "ERROR BAD_ARGUMENTS"),
                row("RS+ $G foo q 1 2\r\n", "ERROR BAD_ARGUMENTS"),
                row("RS- $G\r\n", "ERROR BAD_ARGUMENTS"),
                row("RS- $G foo q 1\r\n", "ERROR BAD_ARGUMENTS"),
                row("LS+ leafcl $G\r\n", "ERROR BAD_ARGUMENTS"),
                row("LS+ leafcl $G foo q\r\n", "ERROR BAD_ARGUMENTS"),
                row("LS- $G foo q x\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo x\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo -1\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo 1234567890\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo r x\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo * q 1\r\nx\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo ++ r q 1\r\nx\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo r q 1\r\nx\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo | q x\r\n", "ERROR BAD_ARGUMENTS"),
                row("RMSG $G foo 2\rab\r\n", "ERROR BAD_ARGUMENTS"),
                row("HMSG $G foo 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("HMSG $G foo 3 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("HMSG $G foo x 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("HMSG $G foo | q 3 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("HMSG $G foo * q 0 2\r\nab\r\n", "ERROR BAD_ARGUMENTS"),
                row("LMSG leafcl $G foo 5\r\nhello\r\n", "ERROR BAD_ARGUMENTS"),
                row("LMSG leafcl $G foo * q 0 1\r\nx\r\n", "ERROR BAD_ARGUMENTS"),
                // limits (this table's decoder: control line 4096, payload 8192)
                row("RS+ $G " + "a".repeat(4093) + "\r\n", "RS+ $G " + "a".repeat(4093)),
                row("RS+ $G " + "a".repeat(4094) + "\r\n", "ERROR MAX_CONTROL_LINE"),
                row("RS+ $G " + "a".repeat(4200), "ERROR MAX_CONTROL_LINE"),
                row("INFO " + " ".repeat(5000) + "{}\r\n", "INFO {}"),
                row("RMSG $G foo 8193\r\n", "ERROR MAX_PAYLOAD"),
                row("HMSG $G foo 0 8193\r\n", "ERROR MAX_PAYLOAD"),
                row("RMSG $G foo 8192\r\n" + "x".repeat(8192) + "\r\n", "RMSG $G foo - - " + "x".repeat(8192)));
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

    @Test
    void nothingIsReadAfterAnError() {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(handler));
        ch.writeInbound(Unpooled.copiedBuffer("RS+ $G\r\n", StandardCharsets.ISO_8859_1));
        ch.writeInbound(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.ISO_8859_1));
        assertThat(handler.ops).containsExactly("ERROR BAD_ARGUMENTS");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void nothingIsReadAfterPeerErr() {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(handler));
        ch.writeInbound(Unpooled.copiedBuffer("-ERR 'x'\r\n", StandardCharsets.ISO_8859_1));
        ch.writeInbound(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.ISO_8859_1));
        assertThat(handler.ops).containsExactly("-ERR x");
        assertThat(ch.finish()).isFalse();
    }

    /** nats-server has no control line or payload limit on routes; the default caps are far above real traffic. */
    @Test
    void defaultCapsAreGenerous() {
        String subject = "s".repeat(60_000);
        byte[] payload = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(payload, (byte) 'p');
        RecordingRouteHandler handler = new RecordingRouteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(handler));
        ch.writeInbound(Unpooled.copiedBuffer("RS+ $G " + subject + " q 1\r\nRMSG $G foo " + payload.length + "\r\n",
                StandardCharsets.ISO_8859_1));
        ch.writeInbound(Unpooled.wrappedBuffer(payload));
        ch.writeInbound(Unpooled.copiedBuffer("\r\nRMSG $G foo 67108865\r\n", StandardCharsets.ISO_8859_1));
        assertThat(handler.ops).hasSize(3);
        assertThat(handler.ops.get(0)).isEqualTo("RS+ $G " + subject + " q 1");
        assertThat(handler.messages.get(0).bytes()).isEqualTo(payload);
        assertThat(handler.ops.get(2)).isEqualTo("ERROR MAX_PAYLOAD");
        assertThat(RouteProtocolDecoder.DEFAULT_MAX_CONTROL_LINE).isEqualTo(64 * 1024);
        assertThat(RouteProtocolDecoder.DEFAULT_MAX_PAYLOAD).isEqualTo(64 * 1024 * 1024);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void controlLineOverTheDefaultCapFails() {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(handler));
        ch.writeInbound(Unpooled.copiedBuffer("RS+ $G " + "s".repeat(70_000), StandardCharsets.ISO_8859_1));
        assertThat(handler.ops).containsExactly("ERROR MAX_CONTROL_LINE");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void queueListsAreImmutableAndEmptyWhenAbsent() {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(handler));
        ch.writeInbound(Unpooled.copiedBuffer("RMSG $G a 0\r\n\r\nRMSG $G a | q 0\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        assertThat(handler.messages).hasSize(2);
        assertThat(handler.messages.get(0).queues()).isEmpty();
        assertThat(handler.messages.get(0).headerSize()).isEqualTo(-1);
        List<String> queues = handler.messages.get(1).queues();
        assertThat(queues).containsExactly("q");
        assertThatThrownBy(() -> queues.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void badCapsAreRefused() {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        assertThatThrownBy(() -> new RouteProtocolDecoder(handler, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteProtocolDecoder(handler, 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Arguments row(String input, String... ops) {
        return arguments(input, List.of(ops));
    }

    static List<String> decode(String input, int chunk) {
        return TABLE.decode(input, chunk);
    }

    private static DecoderTable.Decoding smallCaps() {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        return new DecoderTable.Decoding(new RouteProtocolDecoder(handler, MAX_CONTROL_LINE, MAX_PAYLOAD), handler.ops);
    }
}
