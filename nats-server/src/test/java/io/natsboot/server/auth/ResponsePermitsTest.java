package io.natsboot.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Reply permits of {@code allow_responses}: counted, expiring, re-opened by a new delivery, bounded. */
class ResponsePermitsTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private ResponsePermits permits(int max, long expires) {
        return new ResponsePermits(max, expires, now::get);
    }

    @ParameterizedTest(name = "max {0}: {1} publishes allowed")
    @CsvSource({"1, 1", "2, 2", "5, 5"})
    void aPermitAllowsMaxPublishes(int max, int allowed) {
        ResponsePermits p = permits(max, 60 * SECOND);
        p.grant("_INBOX.1");
        for (int i = 0; i < allowed; i++) {
            assertThat(p.use("_INBOX.1")).as("publish %d", i + 1).isTrue();
        }
        assertThat(p.use("_INBOX.1")).isFalse();
        assertThat(p.use("_INBOX.1")).isFalse();
    }

    @Test
    void noLimitWhenMaxIsNegative() {
        ResponsePermits p = permits(-1, 60 * SECOND);
        p.grant("r");
        for (int i = 0; i < 10_000; i++) {
            assertThat(p.use("r")).isTrue();
        }
    }

    @Test
    void onlyGrantedSubjectsArePublishable() {
        ResponsePermits p = permits(1, 60 * SECOND);
        p.grant("r.1");
        assertThat(p.use("r.2")).isFalse();
        assertThat(p.use("r.*")).isFalse();
        assertThat(p.use("r.1")).isTrue();
    }

    @Test
    void aPermitExpires() {
        ResponsePermits p = permits(5, 2 * SECOND);
        p.grant("r");
        now.addAndGet(2 * SECOND);
        assertThat(p.use("r")).isTrue();
        now.addAndGet(1);
        assertThat(p.use("r")).isFalse();
        assertThat(p.size()).isZero();
    }

    @Test
    void neverExpiresWhenExpiresIsNegative() {
        ResponsePermits p = permits(1, -1);
        p.grant("r");
        now.addAndGet(1_000_000 * SECOND);
        assertThat(p.use("r")).isTrue();
    }

    @Test
    void aNewDeliveryReopensTheSubjectWithAFreshCount() {
        ResponsePermits p = permits(1, 60 * SECOND);
        p.grant("r");
        assertThat(p.use("r")).isTrue();
        assertThat(p.use("r")).isFalse();
        p.grant("r");
        assertThat(p.use("r")).isTrue();
    }

    @Test
    void spentAndExpiredPermitsArePrunedOnLaterGrants() {
        ResponsePermits p = permits(1, 2 * SECOND);
        for (int i = 0; i < 100; i++) {
            p.grant("spent." + i);
            assertThat(p.use("spent." + i)).isTrue();
        }
        for (int i = 0; i < 100; i++) {
            p.grant("old." + i);
        }
        now.addAndGet(3 * SECOND);
        p.grant("fresh");
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.use("fresh")).isTrue();
    }

    @Test
    void liveButUnansweredPermitsStayBounded() {
        ResponsePermits p = permits(1, 120 * SECOND);
        for (int i = 0; i < ResponsePermits.MAX_PERMITS * 3; i++) {
            p.grant("_INBOX." + i);
            assertThat(p.size()).isLessThanOrEqualTo(ResponsePermits.MAX_PERMITS);
        }
        // the latest grant survives the cap
        assertThat(p.use("_INBOX." + (ResponsePermits.MAX_PERMITS * 3 - 1))).isTrue();
    }

    @Test
    void grantsFromManyThreadsWhileTheOwnerPublishes() throws Exception {
        ResponsePermits p = new ResponsePermits(1, 60 * SECOND, System::nanoTime);
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> granters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    p.grant("r." + id + "." + i);
                }
            });
            thread.start();
            granters.add(thread);
        }
        start.countDown();
        long uses = 0;
        while (granters.stream().anyMatch(Thread::isAlive)) {
            for (int i = 0; i < 100; i++) {
                if (p.use("r.0." + i)) {
                    uses++;
                }
            }
        }
        for (Thread thread : granters) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(uses).isLessThanOrEqualTo(100);
        assertThat(p.size()).isLessThanOrEqualTo(ResponsePermits.MAX_PERMITS + threads);
        p.grant("last");
        assertThat(p.use("last")).isTrue();
        assertThat(p.use("last")).isFalse();
    }
}
