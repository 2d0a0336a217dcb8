package io.natsboot.bench.jmh;

import io.natsboot.server.ServerServices;
import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClientHandler;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.protocol.ClientProtocolDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole path of a published message inside the server, without sockets: a read of {@value #OPS} PUBs decoded by
 * the publisher's real pipeline, each matched in the subject tree and written as MSG into the outbound buffers of
 * 1 or 4 subscribed clients, whose batches are then flushed (to embedded channels, whose output is dropped).
 * Reported per published message; with {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per
 * message on this path (issue 10: zero in the steady state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeliveryPathBenchmark {

    static final int OPS = 1000;
    private static final String INFO = "{\"server_id\":\"NBENCH\",\"version\":\"2.9.10\",\"proto\":1,\"headers\":true}";
    private static final String CONNECT =
            "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1}\r\nPING\r\n";

    @Param({"16", "128", "1024"})
    int payloadSize;

    @Param({"1", "4"})
    int subscribers;

    private final ServerOptions options = new ServerOptions();
    private ServerServices services;
    private EmbeddedChannel publisher;
    private final List<EmbeddedChannel> receivers = new ArrayList<>();
    private ByteBuf pubs;
    private long ids;

    @Setup(Level.Trial)
    public void setUp() {
        services = new ServerServices(options, c -> INFO, () -> null);
        services.useAuthenticator(new Authenticator(options), Runnable::run);
        publisher = client();
        for (int i = 0; i < subscribers; i++) {
            EmbeddedChannel receiver = client();
            send(receiver, "SUB orders.eu 1\r\n");
            receivers.add(receiver);
        }
        String payload = "x".repeat(payloadSize);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < OPS; i++) {
            sb.append("PUB orders.eu ").append(payloadSize).append("\r\n").append(payload).append("\r\n");
        }
        pubs = PooledByteBufAllocator.DEFAULT.directBuffer()
                .writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        publisher.finishAndReleaseAll();
        receivers.forEach(EmbeddedChannel::finishAndReleaseAll);
        pubs.release();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void publish() {
        publisher.writeInbound(pubs.retainedDuplicate());
        for (EmbeddedChannel receiver : receivers) {
            receiver.runPendingTasks();
            drop(receiver);
        }
    }

    /** A logged-in client on the real client pipeline, its INFO and PONG read and dropped. */
    private EmbeddedChannel client() {
        EmbeddedChannel ch = new EmbeddedChannel(false, false);
        ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        ClientConnection connection = new ClientConnection(++ids, ch, services);
        ClientProtocolDecoder decoder = connection.newDecoder(options.getMaxControlLine(), options.getMaxPayload());
        ch.pipeline().addLast(decoder, new ClientHandler(connection));
        try {
            ch.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        send(ch, CONNECT);
        return ch;
    }

    private static void send(EmbeddedChannel ch, String ops) {
        ch.writeInbound(Unpooled.copiedBuffer(ops, StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        drop(ch);
    }

    private static void drop(EmbeddedChannel ch) {
        for (Object out; (out = ch.readOutbound()) != null; ) {
            ((ByteBuf) out).release();
        }
    }
}
