package io.natsboot.bench.jmh;

import io.natsboot.server.protocol.ClientOpHandler;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.natsboot.server.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Decoding speed of the client protocol: a read buffer holding {@value #OPS} PUBs (of the given payload size),
 * decoded in one call, as a busy publisher's socket read delivers them. Reported per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientProtocolDecoderBenchmark {

    static final int OPS = 1000;

    @Param({"16", "128", "1024"})
    int payloadSize;

    private ByteBuf pubs;
    private ByteBuf subs;
    private EmbeddedChannel channel;
    private CountingHandler handler;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        String payload = "x".repeat(payloadSize);
        for (int i = 0; i < OPS; i++) {
            sb.append("PUB orders.eu.").append(i % 50).append(" _INBOX.abc.").append(i).append(' ')
                    .append(payloadSize).append("\r\n").append(payload).append("\r\n");
        }
        pubs = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
        sb.setLength(0);
        for (int i = 0; i < OPS; i++) {
            sb.append("SUB orders.*.").append(i).append(" workers ").append(i).append("\r\n");
        }
        subs = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
        handler = new CountingHandler();
        channel = new EmbeddedChannel(new ClientProtocolDecoder(handler, 4096, 1024 * 1024));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        pubs.release();
        subs.release();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void pub(Blackhole bh) {
        channel.writeInbound(pubs.retainedDuplicate());
        bh.consume(handler.count);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void sub(Blackhole bh) {
        channel.writeInbound(subs.retainedDuplicate());
        bh.consume(handler.count);
    }

    /** Touches what a real handler would touch, nothing more. */
    static final class CountingHandler implements ClientOpHandler {
        long count;

        @Override
        public void onConnect(String json) {
            count++;
        }

        @Override
        public void onInfo(String json) {
            count++;
        }

        @Override
        public void onPub(String subject, String replyTo, ByteBuf payload) {
            count += subject.length() + payload.readableBytes();
        }

        @Override
        public void onHpub(String subject, String replyTo, int headerSize, ByteBuf message) {
            count += subject.length() + message.readableBytes();
        }

        @Override
        public void onSub(String subject, String queue, String sid) {
            count += subject.length() + sid.length();
        }

        @Override
        public void onUnsub(String sid, int max) {
            count++;
        }

        @Override
        public void onPing() {
            count++;
        }

        @Override
        public void onPong() {
            count++;
        }

        @Override
        public void onProtocolError(ProtocolError error) {
            throw new IllegalStateException(error.name());
        }
    }
}
