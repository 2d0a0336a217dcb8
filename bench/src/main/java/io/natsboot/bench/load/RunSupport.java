package io.natsboot.bench.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Small pieces every scenario uses: subjects, payloads, sequence numbers in payloads, rates. */
final class RunSupport {

    /** Reads and writes the message number in the first 8 bytes of a queue scenario's payload. */
    static final VarHandle LONG_IN_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** How long to wait for the tail of a run that already stalled or failed. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private RunSupport() {
    }

    /** A subject of its own for every run, so that a late message of an earlier run is never counted. */
    static String subject(Scenario s) {
        return "bench." + s.id() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static byte[] payload(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    static double seconds(long nanos) {
        return Math.max(0, nanos) / 1e9;
    }

    static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }
}
