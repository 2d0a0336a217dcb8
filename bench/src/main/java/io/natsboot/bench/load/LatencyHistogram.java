package io.natsboot.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe log-linear histogram of nanosecond values: every power of two is split into 128 linear buckets, so a
 * reported percentile is within 1% of the true value, and memory stays fixed however long the run is.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAGNITUDES = 64 - SUB_BITS;

    private final AtomicLongArray counts = new AtomicLongArray(SUB + MAGNITUDES * SUB);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.incrementAndGet(index(v));
        total.incrementAndGet();
        sum.addAndGet(v);
        long m;
        while (v > (m = max.get()) && !max.compareAndSet(m, v)) {
            Thread.onSpinWait();
        }
    }

    long count() {
        return total.get();
    }

    double meanNanos() {
        long n = total.get();
        return n == 0 ? Double.NaN : (double) sum.get() / n;
    }

    long maxNanos() {
        return max.get();
    }

    /** The value at percentile {@code p} (0..100), in nanoseconds; NaN when empty. */
    double percentileNanos(double p) {
        long n = total.get();
        if (n == 0) {
            return Double.NaN;
        }
        if (p >= 100) {
            return max.get();
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(midpoint(i), max.get());
            }
        }
        return max.get();
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(v);
        int within = (int) ((v - (1L << magnitude)) >>> (magnitude - SUB_BITS));
        return SUB + (magnitude - SUB_BITS) * SUB + within;
    }

    static double midpoint(int index) {
        if (index < SUB) {
            return index;
        }
        int rel = index - SUB;
        int magnitude = rel / SUB + SUB_BITS;
        int within = rel % SUB;
        long lower = (1L << magnitude) + ((long) within << (magnitude - SUB_BITS));
        long width = 1L << (magnitude - SUB_BITS);
        return lower + (width - 1) / 2.0;
    }
}
