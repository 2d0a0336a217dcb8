package io.natsboot.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.natsboot.server.options.Permissions;
import io.natsboot.server.auth.PermissionGuard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one connection's permission checks cost per message, with the load generator's {@code --security perms}
 * permissions (allow {@code bench.>}, {@code _INBOX.>}, deny {@code bench.secret.>}, for publish and subscribe).
 * The load generator's figures on a shared 2-core machine drift more between runs than these checks cost; this
 * isolates them.
 *
 * <p>A publisher repeats one subject, so its verdict is cached ({@code publishSameSubject}). A responder answers a new
 * reply subject every time, so every verdict is a miss plus the cache upkeep ({@code publishUniqueReplies}). A
 * requester's jnats reply subscription is a wildcard ({@code _INBOX.<id>.*}); with a subscribe deny list that switches
 * on delivery filtering, so every reply it receives is a miss too ({@code deliverUniqueReplies}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PermissionGuardBenchmark {

    private static final int REPLIES = 1 << 16;

    private PermissionGuard guard;
    // Fields rather than constants, so the JIT cannot fold the subjects.
    private String publishSubject = "bench.pub.5f3a9c";
    private String[] replies;
    private byte[][] replyBytes;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        Permissions.SubjectPermission publish = new Permissions.SubjectPermission();
        publish.getAllow().addAll(List.of("bench.>", "_INBOX.>"));
        publish.getDeny().add("bench.secret.>");
        Permissions.SubjectPermission subscribe = new Permissions.SubjectPermission();
        subscribe.getAllow().addAll(List.of("bench.>", "_INBOX.>"));
        subscribe.getDeny().add("bench.secret.>");
        guard = PermissionGuard.of(new Permissions().setPublish(publish).setSubscribe(subscribe));
        if (!guard.canSubscribe("_INBOX.K2xq8VhWc1Rz0bT7.*", null)) {
            throw new IllegalStateException("the reply subscription must be allowed");
        }
        replies = new String[REPLIES];
        replyBytes = new byte[REPLIES][];
        for (int i = 0; i < REPLIES; i++) {
            replies[i] = "_INBOX.K2xq8VhWc1Rz0bT7." + i;
            replyBytes[i] = replies[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Benchmark
    public boolean publishSameSubject() {
        return guard.canPublish(publishSubject);
    }

    @Benchmark
    public boolean publishUniqueReplies() {
        return guard.canPublish(replies[next()]);
    }

    @Benchmark
    public boolean deliverUniqueReplies() {
        return guard.deliveryDenied(replyBytes[next()]);
    }

    private int next() {
        int i = cursor;
        cursor = (i + 1) & (REPLIES - 1);
        return i;
    }
}
