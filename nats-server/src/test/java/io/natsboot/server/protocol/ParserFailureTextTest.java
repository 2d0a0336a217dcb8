package io.natsboot.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed client decoder says, for the log line nats-server 2.9.10 writes for the same bytes arriving in one
 * read (taken from its log; LogConformanceTest compares the whole lines with the binary's): the parser state, the
 * failing byte's index in the read, the quoted rest of the read, and the argument errors in its words.
 */
class ParserFailureTextTest {

    static Stream<Arguments> rows() {
        String connect = "CONNECT {\"verbose\":false}\r\n";
        return Stream.of(
                Arguments.of("FOO BAR\r\n", "Client parser ERROR, state=0, i=0: proto='\"FOO BAR\\r\"...'"),
                Arguments.of(connect + "PING\r\nXXX\r\n",
                        "Client parser ERROR, state=0, i=33: proto='\"XXX\\r\"...'"),
                Arguments.of("PUX\r\n", "Client parser ERROR, state=30, i=2: proto='\"X\\r\"...'"),
                Arguments.of("SUBX foo 1\r\n", "Client parser ERROR, state=45, i=3: proto='\"X foo 1\\r\"...'"),
                Arguments.of("PUB a 1\r\nxy\r\n", "Client parser ERROR, state=41, i=10: proto='\"y\\r\"...'"),
                Arguments.of("PUB a 1\r\nx\rz", "Client parser ERROR, state=42, i=11: proto='\"\"...'"),
                Arguments.of("\u0000\u00ffgarbage\r\n",
                        "Client parser ERROR, state=0, i=0: proto='\"\\x00\\xffgarbage\\r\"...'"),
                Arguments.of("HELLO " + "x".repeat(40) + "\r\n",
                        "Client parser ERROR, state=18, i=1: proto='\"ELLO " + "x".repeat(27) + "\"...'"),
                Arguments.of("PUB a\r\n", "processPub Parse Error: \"a\""),
                Arguments.of("PUB a b c 1\r\n", "processPub Parse Error: \"a b c 1\""),
                Arguments.of("PUB a 1x\r\n", "processPub Bad or Missing Size: \"a 1x\""),
                Arguments.of("PUB a 2000000\r\n", "maximum payload exceeded: 2000000 vs 1048576"),
                Arguments.of("SUB a\r\n", "processSub Parse Error: \"a\""),
                Arguments.of("UNSUB\r\n", "Client parser ERROR, state=63, i=5: proto='\"\\r\"...'"),
                Arguments.of("UNSUB 1 2 3\r\n", "processUnsub Parse Error: \"1 2 3\""),
                Arguments.of("HPUB a 2 2\r\n\r\n\r\n", "message headers not supported"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void failureIsWordedAsNatsServersLogLine(String bytes, String expected) {
        ClientProtocolDecoder decoder = new ClientProtocolDecoder(new Ignoring(), 4096, 1024 * 1024);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(decoder.failureText()).isEqualTo(expected);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static final class Ignoring implements ClientOpHandler {
        @Override
        public void onConnect(String json) {
        }

        @Override
        public void onInfo(String json) {
        }

        @Override
        public void onPub(String subject, String replyTo, ByteBuf payload) {
        }

        @Override
        public void onHpub(String subject, String replyTo, int headerSize, ByteBuf message) {
        }

        @Override
        public void onSub(String subject, String queue, String sid) {
        }

        @Override
        public void onUnsub(String sid, int max) {
        }

        @Override
        public void onPing() {
        }

        @Override
        public void onPong() {
        }

        @Override
        public void onProtocolError(ProtocolError error) {
        }
    }
}
