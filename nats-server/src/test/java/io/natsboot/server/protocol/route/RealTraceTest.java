package io.natsboot.server.protocol.route;

import io.natsboot.server.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;
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
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The bytes two nats-server 2.9.10 routes exchanged ({@link RealTrace2910}) decode without error whatever the read
 * boundaries, and every op written back with {@link RouteProtocolEncoder} (INFO and CONNECT through
 * {@link RouteServerInfo} and {@link RouteConnectInfo}) gives the captured bytes again, byte for byte; the only
 * difference is the blank nats-server puts after a handshake INFO's JSON ({@code } \r\n}), which we do not send.
 */
class RealTraceTest {

    static Stream<Arguments> directions() {
        return Stream.of(arguments("B to A", RealTrace2910.B_TO_A), arguments("A to B", RealTrace2910.A_TO_B));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directions")
    void reencodesByteForByte(String name, List<String> reads) {
        String expected = String.join("", reads).replace("} \r\n", "}\r\n");
        for (List<byte[]> chunks : List.of(asRead(reads), ofSize(reads, 1), ofSize(reads, 7), ofSize(reads, 1000),
                ofSize(reads, Integer.MAX_VALUE))) {
            ByteBuf out = Unpooled.buffer();
            EmbeddedChannel ch = new EmbeddedChannel(new RouteProtocolDecoder(new ReEncoder(out)));
            for (byte[] chunk : chunks) {
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
            assertThat(ch.finish()).isFalse();
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            out.release();
        }
    }

    @Test
    void soliciterSentConnectInfoAndItsInterest() {
        List<String> ops = RouteProtocolDecoderTest.decode(String.join("", RealTrace2910.B_TO_A), Integer.MAX_VALUE);
        assertThat(ops.get(0)).startsWith("CONNECT {\"echo\":true,");
        assertThat(ops.get(1)).startsWith("INFO {\"server_id\":\"ND3V").endsWith("\"lnoc\":true}");
        assertThat(ops.stream().filter(op -> op.startsWith("RS+ $SYS ")).count()).isEqualTo(39);
        assertThat(ops).contains("RS+ $SYS $SYS.SERVER.*.SHUTDOWN", "PING", "PONG");
        assertThat(ops.subList(ops.indexOf("RS+ $G foo"), ops.size())).startsWith(
                "RS+ $G foo", "RS+ $G foo q1 1", "RS+ $G foo q2 1", "RS+ $G bar workers 1", "RS+ $G bar workers 2");
        assertThat(ops).containsSubsequence("RS- $G foo q1", "RS+ $G bar workers 1", "RS- $G bar workers",
                "RS- $G foo", "RS- $G foo q2", "RS+ $G bar workers 1", "RS- $G bar workers");
        assertThat(ops.get(ops.size() - 1)).startsWith(
                "RMSG $SYS $SYS.SERVER.ND3VHMCZNDKLWQYMOZHJWE763ZTRNPD3UMDW77J5PCIDAUV4RAC33RWT.SHUTDOWN - - {");
        assertThat(ops).noneMatch(op -> op.startsWith("ERROR"));
    }

    @Test
    void acceptorSentMessagesWithQueueTargets() {
        List<String> ops = RouteProtocolDecoderTest.decode(String.join("", RealTrace2910.A_TO_B), 1);
        assertThat(ops).containsSubsequence(
                "RMSG $G foo - q1,q2 hello",
                "RMSG $G foo my.reply q1,q2 hi",
                "HMSG $G foo - q1,q2 22 NATS/1.0\r\nX-Key: v\r\n\r\nhello",
                "RMSG $G bar - workers q-1",
                "HMSG $G foo r.x q1,q2 12 NATS/1.0\r\n\r\nhi",
                "RMSG $G bar - workers q-2",
                "RMSG $G bar rep.ly workers q-3");
        assertThat(ops).noneMatch(op -> op.startsWith("ERROR"));
    }

    private static List<byte[]> asRead(List<String> reads) {
        return reads.stream().map(r -> r.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    private static List<byte[]> ofSize(List<String> reads, int size) {
        byte[] all = String.join("", reads).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < all.length; i += size) {
            chunks.add(java.util.Arrays.copyOfRange(all, i, (int) Math.min(all.length, (long) i + size)));
        }
        return chunks;
    }

    /** Writes every op it is given back out with the encoder. */
    private static final class ReEncoder implements RouteOpHandler {
        private final ByteBuf out;

        ReEncoder(ByteBuf out) {
            this.out = out;
        }

        @Override
        public void onInfo(String json) {
            RouteProtocolEncoder.writeInfo(out, RouteServerInfo.parse(json).toJson());
        }

        @Override
        public void onConnect(String json) {
            RouteProtocolEncoder.writeConnect(out, RouteConnectInfo.parse(json).toJson());
        }

        @Override
        public void onPing() {
            out.writeBytes(RouteProtocolEncoder.PING);
        }

        @Override
        public void onPong() {
            out.writeBytes(RouteProtocolEncoder.PONG);
        }

        @Override
        public void onOk() {
            throw new AssertionError("+OK");
        }

        @Override
        public void onErr(String text) {
            throw new AssertionError("-ERR " + text);
        }

        @Override
        public void onRemoteSub(String account, String subject, String queue, int weight) {
            RouteProtocolEncoder.writeRemoteSub(out, account, subject, queue, weight);
        }

        @Override
        public void onRemoteUnsub(String account, String subject, String queue) {
            RouteProtocolEncoder.writeRemoteUnsub(out, account, subject, queue);
        }

        @Override
        public void onRouteMessage(String account, String subject, String replyTo, List<String> queues,
                                   int headerSize, ByteBuf message) {
            if (headerSize < 0) {
                RouteProtocolEncoder.writeRmsg(out, account, subject, replyTo, queues, message);
            } else {
                RouteProtocolEncoder.writeHmsg(out, account, subject, replyTo, queues, headerSize, message);
            }
        }

        @Override
        public void onProtocolError(ProtocolError error) {
            throw new AssertionError(error.name());
        }
    }
}
