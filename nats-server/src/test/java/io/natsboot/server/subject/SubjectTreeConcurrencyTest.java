package io.natsboot.server.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectTreeConcurrencyTest {

    private static final String[] LITERAL_TOKENS = {"a", "b", "c"};
    private static final String[] PATTERN_TOKENS = {"a", "b", "c", "*", ">"};
    private static final String[] QUEUES = {null, null, "q1", "q2"};
    private static final int MUTATORS = 3;
    private static final int MATCHERS = 2;
    private static final int OPS_PER_MUTATOR = 3000;

    private final SubjectTree<Sub> tree = new SubjectTree<>();
    private final List<String> universe = literalsUpTo(4);

    /**
     * Each mutator owns its subscriptions, so right after its own insert or remove returns it knows whether its
     * subscription must be in a match. A result computed by a matcher before that change and cached after it would
     * break this check; the final comparison with the brute-force matcher covers everything else.
     */
    @Test
    void concurrentChangesAndMatchesStayConsistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(MUTATORS + MATCHERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean mutating = new AtomicBoolean(true);
            List<Future<List<ReferenceMatcher.Entry>>> mutators = new ArrayList<>();
            for (int m = 0; m < MUTATORS; m++) {
                mutators.add(pool.submit(mutator(m, start)));
            }
            List<Future<Integer>> matchers = new ArrayList<>();
            for (int m = 0; m < MATCHERS; m++) {
                matchers.add(pool.submit(matcher(m, start, mutating)));
            }
            start.countDown();

            List<ReferenceMatcher.Entry> live = new ArrayList<>();
            for (Future<List<ReferenceMatcher.Entry>> f : mutators) {
                live.addAll(f.get(60, TimeUnit.SECONDS));
            }
            mutating.set(false);
            for (Future<Integer> f : matchers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).as("matches done").isPositive();
            }

            assertThat(tree.count()).isEqualTo(live.size());
            AtomicInteger visited = new AtomicInteger();
            tree.forEach((subject, queue, sub) -> visited.incrementAndGet());
            assertThat(visited.get()).isEqualTo(live.size());
            for (String subject : universe) {
                ReferenceMatcher.assertMatch(subject, tree.match(subject), live);
            }
            assertThat(tree.stats().numCache()).isLessThanOrEqualTo(SubjectTree.CACHE_MAX + MATCHERS + MUTATORS);
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<List<ReferenceMatcher.Entry>> mutator(int id, CountDownLatch start) {
        return () -> {
            Random random = new Random(id);
            List<ReferenceMatcher.Entry> live = new ArrayList<>();
            start.await();
            for (int op = 0; op < OPS_PER_MUTATOR; op++) {
                if (live.isEmpty() || random.nextBoolean()) {
                    String subject = randomPattern(random);
                    String queue = QUEUES[random.nextInt(QUEUES.length)];
                    Sub sub = new Sub("m" + id + "-" + op);
                    assertThat(tree.insert(subject, queue, sub)).isTrue();
                    live.add(new ReferenceMatcher.Entry(subject, queue, sub));
                    String literal = instantiate(subject, random);
                    assertThat(contains(tree.match(literal), queue, sub))
                            .as("%s sees %s inserted on %s", literal, sub, subject).isTrue();
                } else {
                    ReferenceMatcher.Entry e = live.remove(random.nextInt(live.size()));
                    assertThat(tree.remove(e.subject(), e.queue(), e.sub())).isTrue();
                    String literal = instantiate(e.subject(), random);
                    assertThat(contains(tree.match(literal), e.queue(), e.sub()))
                            .as("%s no longer sees %s removed from %s", literal, e.sub(), e.subject()).isFalse();
                }
            }
            return live;
        };
    }

    private Callable<Integer> matcher(int id, CountDownLatch start, AtomicBoolean mutating) {
        return () -> {
            Random random = new Random(100 + id);
            int matches = 0;
            start.await();
            while (mutating.get()) {
                for (String subject : universe) {
                    tree.match(subject);
                    matches++;
                }
                // Unique subjects overflow the cache, so sweeps run concurrently with everything else.
                for (int i = 0; i < 64; i++) {
                    tree.match("a.unique." + random.nextInt(1_000_000));
                }
            }
            return matches;
        };
    }

    private static boolean contains(SubjectMatch<Sub> match, String queue, Sub sub) {
        if (queue == null) {
            return match.plainSubscriptions().contains(sub);
        }
        List<Sub> members = match.queueGroups().get(queue);
        return members != null && members.contains(sub);
    }

    private static String randomPattern(Random random) {
        while (true) {
            String subject = SubjectTreeMatchTest.randomSubject(random, PATTERN_TOKENS);
            if (Subjects.isValidSubscribeSubject(subject) && subject.split("\\.").length <= 3) {
                return subject;
            }
        }
    }

    /** A literal subject the pattern matches. */
    private static String instantiate(String pattern, Random random) {
        StringBuilder sb = new StringBuilder();
        for (String token : pattern.split("\\.")) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            if (token.equals("*")) {
                sb.append(LITERAL_TOKENS[random.nextInt(LITERAL_TOKENS.length)]);
            } else if (token.equals(">")) {
                sb.append(LITERAL_TOKENS[random.nextInt(LITERAL_TOKENS.length)]);
                if (random.nextBoolean()) {
                    sb.append('.').append(LITERAL_TOKENS[random.nextInt(LITERAL_TOKENS.length)]);
                }
            } else {
                sb.append(token);
            }
        }
        return sb.toString();
    }

    private static List<String> literalsUpTo(int depth) {
        List<String> out = new ArrayList<>();
        List<String> level = List.of("");
        for (int d = 1; d <= depth; d++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (String t : LITERAL_TOKENS) {
                    next.add(prefix.isEmpty() ? t : prefix + "." + t);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }
}
