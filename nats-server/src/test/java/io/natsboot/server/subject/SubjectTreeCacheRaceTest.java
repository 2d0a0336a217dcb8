package io.natsboot.server.subject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The race the cache must not lose: a result computed before an insert, cached after the insert invalidated it. */
class SubjectTreeCacheRaceTest {

    @Test
    void resultComputedBeforeAnInsertIsNeverCachedAfterIt() throws Exception {
        SubjectTree<Sub> tree = new SubjectTree<>();
        CountDownLatch computed = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        tree.beforeCachePut = () -> {
            computed.countDown();
            awaitLatch(resume);
        };
        CompletableFuture<SubjectMatch<Sub>> staleMatch = CompletableFuture.supplyAsync(() -> tree.match("foo.bar"));
        assertThat(computed.await(30, TimeUnit.SECONDS)).isTrue();
        tree.beforeCachePut = null;

        Sub sub = new Sub("late");
        CompletableFuture<Boolean> insert = new CompletableFuture<>();
        Thread inserter = new Thread(() -> insert.complete(tree.insert("foo.*", null, sub)));
        inserter.start();
        // Either the insert waits for the match to cache its result, or (if the lock did not cover the put) it
        // finishes first and the stale result would land in the cache afterwards.
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> insert.isDone() || inserter.getState() == Thread.State.WAITING);
        resume.countDown();

        assertThat(staleMatch.get(30, TimeUnit.SECONDS).isEmpty()).isTrue();
        assertThat(insert.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tree.match("foo.bar").plainSubscriptions()).containsExactly(sub);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
