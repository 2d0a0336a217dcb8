package io.natsboot.server.protocol.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Exact bytes out for every op form (each as nats-server 2.9.10 writes it), and encode → decode round trips. */
class RouteProtocolEncoderTest {

    private static final List<String> NONE = List.of();

    static Stream<Arguments> forms() {
        return Stream.of(
                form("RS+ $SYS $SYS.SERVER.*.SHUTDOWN\r\n",
                        out -> RouteProtocolEncoder.writeRemoteSub(out, "$SYS", "$SYS.SERVER.*.SHUTDOWN", null, 0)),
                form("RS+ $G foo\r\n", out -> RouteProtocolEncoder.writeRemoteSub(out, "$G", "foo", null, 7)),
                form("RS+ $G bar workers 1\r\n",
                        out -> RouteProtocolEncoder.writeRemoteSub(out, "$G", "bar", "workers", 1)),
                form("RS+ $G bar workers 1234567890\r\n",
                        out -> RouteProtocolEncoder.writeRemoteSub(out, "$G", "bar", "workers", 1234567890)),
                form("RS+ $G bar workers 0\r\n",
                        out -> RouteProtocolEncoder.writeRemoteSub(out, "$G", "bar", "workers", 0)),
                form("RS- $G foo\r\n", out -> RouteProtocolEncoder.writeRemoteUnsub(out, "$G", "foo", null)),
                form("RS- $G bar workers\r\n",
                        out -> RouteProtocolEncoder.writeRemoteUnsub(out, "$G", "bar", "workers")),
                form("RMSG $G foo 5\r\n",
                        out -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "foo", null, NONE, 5)),
                form("RMSG $G foo 0\r\n",
                        out -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "foo", "", null, 0)),
                form("RMSG $G foo my.reply 2\r\n",
                        out -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "foo", "my.reply", NONE, 2)),
                form("RMSG $G foo + my.reply q1 q2 5\r\n",
                        out -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "foo", "my.reply", List.of("q1", "q2"),
                                5)),
                form("RMSG $G bar | workers 3\r\n",
                        out -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "bar", null, List.of("workers"), 3)),
                form("RMSG $G foo | q1 q2 999999999\r\n",
                        out -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "foo", "", List.of("q1", "q2"),
                                999999999)),
                form("HMSG $G foo 22 27\r\n",
                        out -> RouteProtocolEncoder.writeHmsgLine(out, "$G", "foo", null, NONE, 22, 27)),
                form("HMSG $G foo r 12 14\r\n",
                        out -> RouteProtocolEncoder.writeHmsgLine(out, "$G", "foo", "r", null, 12, 14)),
                form("HMSG $G foo | q1 q2 22 27\r\n",
                        out -> RouteProtocolEncoder.writeHmsgLine(out, "$G", "foo", null, List.of("q1", "q2"), 22,
                                27)),
                form("HMSG $G foo + r.x q1 q2 12 14\r\n",
                        out -> RouteProtocolEncoder.writeHmsgLine(out, "$G", "foo", "r.x", List.of("q1", "q2"), 12,
                                14)),
                form("RMSG $G foo 5\r\nhello\r\n",
                        out -> RouteProtocolEncoder.writeRmsg(out, "$G", "foo", null, NONE, ascii("hello"))),
                form("RMSG $G foo + r q 2\r\nhi\r\n",
                        out -> RouteProtocolEncoder.writeRmsg(out, "$G", "foo", "r", List.of("q"), ascii("hi"))),
                form("HMSG $G foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
                        out -> RouteProtocolEncoder.writeHmsg(out, "$G", "foo", null, NONE, 12,
                                ascii("NATS/1.0\r\n\r\nhi"))),
                form("HMSG $G foo | q 0 2\r\nhi\r\n",
                        out -> RouteProtocolEncoder.writeHmsg(out, "$G", "foo", null, List.of("q"), 0, ascii("hi"))),
                // one char per byte: subjects with bytes above 0x7f come out as those bytes
                form("RS+ $G f\u00c3\u00a9 q\u00ff 2\r\n",
                        out -> RouteProtocolEncoder.writeRemoteSub(out, "$G", "f\u00c3\u00a9", "q\u00ff", 2)),
                form("INFO {\"server_name\":\"\u00c3\u00a9\"}\r\n",
                        out -> RouteProtocolEncoder.writeInfo(out, "{\"server_name\":\"\u00e9\"}")),
                form("CONNECT {}\r\n", out -> RouteProtocolEncoder.writeConnect(out, "{}")),
                form("INFO {}\r\n", out -> out.writeBytes(RouteProtocolEncoder.info("{}"))),
                form("CONNECT {\"a\":\"\u00c3\u00a9\"}\r\n",
                        out -> out.writeBytes(RouteProtocolEncoder.connect("{\"a\":\"\u00e9\"}"))),
                form("PING\r\nPONG\r\n", out -> out.writeBytes(RouteProtocolEncoder.PING)
                        .writeBytes(RouteProtocolEncoder.PONG)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("forms")
    void writesExactBytes(String expected, Consumer<ByteBuf> write) {
        ByteBuf out = Unpooled.buffer(4);
        try {
            write.accept(out);
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        } finally {
            out.release();
        }
    }

    @Test
    void payloadIsNotConsumed() {
        ByteBuf payload = ascii("xxhello");
        payload.skipBytes(2);
        ByteBuf out = Unpooled.buffer();
        RouteProtocolEncoder.writeRmsg(out, "$G", "foo", null, NONE, payload);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("RMSG $G foo 5\r\nhello\r\n");
        assertThat(payload.readerIndex()).isEqualTo(2);
        RouteProtocolEncoder.writeHmsg(out.clear(), "$G", "foo", null, NONE, 0, payload);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("HMSG $G foo 0 5\r\nhello\r\n");
        assertThat(payload.readerIndex()).isEqualTo(2);
        out.release();
    }

    @Test
    void badNumbersAreRefused() {
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> RouteProtocolEncoder.writeRemoteSub(out, "$G", "foo", "q", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteProtocolEncoder.writeHmsgLine(out, "$G", "foo", null, NONE, 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteProtocolEncoder.writeHmsgLine(out, "$G", "foo", null, NONE, -1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteProtocolEncoder.writeRmsgLine(out, "$G", "foo", null, NONE, -1))
                .isInstanceOf(IllegalArgumentException.class);
        out.release();
    }

    /** (account, subject, reply, queues, header size or -1, message) → encoded → decoded gives the same fields. */
    static Stream<Arguments> messages() {
        return Stream.of(
                msg("$G", "foo", null, NONE, -1, "hello"),
                msg("$G", "foo", "my.reply", NONE, -1, "hi"),
                msg("$G", "foo", "my.reply", List.of("q1", "q2"), -1, "hello"),
                msg("$G", "bar", null, List.of("workers"), -1, "q-1"),
                msg("$G", "foo", null, NONE, 22, "NATS/1.0\r\nX-Key: v\r\n\r\nhello"),
                msg("$G", "foo", "r.x", List.of("q1", "q2"), 12, "NATS/1.0\r\n\r\nhi"),
                msg("$G", "foo", null, List.of("a", "b", "c", "d", "e", "f", "g", "h"), 0, ""),
                msg("$G", "foo", "r", NONE, 0, ""),
                msg("ACC", "\u00e9.\u00ff", "_INBOX.\u00c3", List.of("q\u0080"), -1, "\r\n\r\n"),
                msg("$SYS", "$SYS.SERVER.X.STATSZ", null, NONE, -1, "{\"a\":1}"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3} {4}")
    @MethodSource("messages")
    void messageRoundTrip(String account, String subject, String replyTo, List<String> queues, int headerSize,
                          String message) {
        ByteBuf out = Unpooled.buffer();
        ByteBuf body = Unpooled.copiedBuffer(message, StandardCharsets.ISO_8859_1);
        if (headerSize < 0) {
            RouteProtocolEncoder.writeRmsg(out, account, subject, replyTo, queues, body);
        } else {
            RouteProtocolEncoder.writeHmsg(out, account, subject, replyTo, queues, headerSize, body);
        }
        body.release();
        RecordingRouteHandler handler = decode(out);
        assertThat(handler.messages).hasSize(1);
        RecordingRouteHandler.Message m = handler.messages.get(0);
        assertThat(m.leaf()).isFalse();
        assertThat(m.account()).isEqualTo(account);
        assertThat(m.subject()).isEqualTo(subject);
        assertThat(m.replyTo()).isEqualTo(replyTo);
        assertThat(m.queues()).isEqualTo(queues);
        assertThat(m.headerSize()).isEqualTo(headerSize);
        assertThat(new String(m.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo(message);
    }

    @Test
    void interestRoundTrip() {
        ByteBuf out = Unpooled.buffer();
        RouteProtocolEncoder.writeRemoteSub(out, "$G", "foo", null, 0);
        RouteProtocolEncoder.writeRemoteSub(out, "$G", "bar.*", "workers", 3);
        RouteProtocolEncoder.writeRemoteUnsub(out, "$G", "bar.*", "workers");
        RouteProtocolEncoder.writeRemoteUnsub(out, "ACC", "foo.>", null);
        out.writeBytes(RouteProtocolEncoder.PING).writeBytes(RouteProtocolEncoder.PONG);
        RouteProtocolEncoder.writeInfo(out, "{\"server_name\":\"\u00e9\"}");
        RouteProtocolEncoder.writeConnect(out, "{}");
        assertThat(decode(out).ops).containsExactly("RS+ $G foo", "RS+ $G bar.* workers 3", "RS- $G bar.* workers",
                "RS- ACC foo.>", "PING", "PONG", "INFO {\"server_name\":\"\u00e9\"}", "CONNECT {}");
    }

    private static RecordingRouteHandler decode(ByteBuf bytes) {
        RecordingRouteHandler handler = new RecordingRouteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(handler));
        ch.writeInbound(bytes);
        assertThat(ch.finish()).isFalse();
        return handler;
    }

    private static Arguments form(String expected, Consumer<ByteBuf> write) {
        return arguments(expected, write);
    }

    private static Arguments msg(String account, String subject, String replyTo, List<String> queues, int headerSize,
                                 String message) {
        return arguments(account, subject, replyTo, queues, headerSize, message);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
