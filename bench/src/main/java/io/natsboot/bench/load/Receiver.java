package io.natsboot.bench.load;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageHandler;

import java.util.BitSet;

/** Counts what one subscription receives; runs on its dispatcher's thread only. */
final class Receiver implements MessageHandler {
    volatile long count;
    volatile long lastNanos;
    final BitSet seen;
    long duplicates;
    Dispatcher dispatcher;

    /** @param trackSequence remember which message numbers arrived, for the exactly-once check */
    Receiver(boolean trackSequence) {
        this.seen = trackSequence ? new BitSet() : null;
    }

    @Override
    public void onMessage(Message msg) {
        long now = System.nanoTime();
        if (seen != null) {
            byte[] data = msg.getData();
            if (data != null && data.length >= Long.BYTES) {
                int seq = (int) (long) RunSupport.LONG_IN_BYTES.get(data, 0);
                if (seen.get(seq)) {
                    duplicates++;
                } else {
                    seen.set(seq);
                }
            }
        }
        lastNanos = now;
        count = count + 1; // single writer: this dispatcher's thread
    }

    static long sum(Receiver[] rs) {
        long s = 0;
        for (Receiver r : rs) {
            s += r.count;
        }
        return s;
    }

    static long min(Receiver[] rs) {
        long m = Long.MAX_VALUE;
        for (Receiver r : rs) {
            m = Math.min(m, r.count);
        }
        return m;
    }
}
