package io.natsboot.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.natsboot.server.subject.SubjectMatch;
import io.natsboot.server.subject.SubjectTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded cost of {@link SubjectTree} operations in a tree that also holds many unrelated subscriptions;
 * JMH state, one instance per benchmark run.
 *
 * <p>Hits match the same few subjects again and again. Misses cycle through 65,536 distinct subjects, far more than
 * the cache keeps, the way unique reply subjects do; a miss includes caching its result and the occasional sweep.
 * Inserts are measured as an insert plus the remove that undoes it, so the tree stays the same size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SubjectTreeBenchmark {

    private static final int MISS_SUBJECTS = 1 << 16;

    @Param({"10000", "100000"})
    public int unrelated;

    private SubjectTree<Object> tree;
    private final Object churnSub = new Object();
    // Fields rather than constants, so the JIT cannot fold the subjects.
    private String hit1 = "foo";
    private String hit2 = "foo.bar";
    private String hit3 = "foo.bar.baz";
    private String churnLiteral = "svc7.fresh.evt";
    private String churnWildcard = "bench.*.x";
    private String[] miss1;
    private String[] miss2;
    private String[] miss3;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        tree = new SubjectTree<>();
        for (int i = 0; i < unrelated; i++) {
            tree.insert("svc" + (i % 1000) + "." + i + ".evt", null, new Object());
        }
        tree.insert("foo", null, new Object());
        tree.insert("foo.bar", null, new Object());
        tree.insert("foo.bar.baz", null, new Object());
        tree.insert("foo.*", null, new Object());
        tree.insert("foo.>", null, new Object());
        tree.insert("foo.bar.baz", "workers", new Object());
        tree.insert("foo.bar.baz", "workers", new Object());

        miss1 = new String[MISS_SUBJECTS];
        miss2 = new String[MISS_SUBJECTS];
        miss3 = new String[MISS_SUBJECTS];
        for (int k = 0; k < MISS_SUBJECTS; k++) {
            miss1[k] = "m" + k;
            miss2[k] = "foo.m" + k;
            miss3[k] = "foo.bar.m" + k;
        }
        // A nearly full cache, so a wildcard insert pays for scanning it as it would in a busy server.
        for (int j = 0; j < 1000; j++) {
            tree.match("svc" + j + "." + j + ".evt");
        }
        tree.match(hit1);
        tree.match(hit2);
        tree.match(hit3);
    }

    @Benchmark
    public SubjectMatch<Object> matchHit1Token() {
        return tree.match(hit1);
    }

    @Benchmark
    public SubjectMatch<Object> matchHit2Tokens() {
        return tree.match(hit2);
    }

    @Benchmark
    public SubjectMatch<Object> matchHit3Tokens() {
        return tree.match(hit3);
    }

    @Benchmark
    public SubjectMatch<Object> matchMiss1Token() {
        return tree.match(miss1[next()]);
    }

    @Benchmark
    public SubjectMatch<Object> matchMiss2Tokens() {
        return tree.match(miss2[next()]);
    }

    @Benchmark
    public SubjectMatch<Object> matchMiss3Tokens() {
        return tree.match(miss3[next()]);
    }

    @Benchmark
    public boolean insertRemoveLiteral() {
        return tree.insert(churnLiteral, null, churnSub) & tree.remove(churnLiteral, null, churnSub);
    }

    @Benchmark
    public boolean insertRemoveWildcard() {
        return tree.insert(churnWildcard, null, churnSub) & tree.remove(churnWildcard, null, churnSub);
    }

    private int next() {
        cursor = (cursor + 1) & (MISS_SUBJECTS - 1);
        return cursor;
    }
}
