package io.natsboot.server.delivery;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters, updated from every event loop; monitoring reads them. */
public final class ServerStats {

    public final LongAdder inMsgs = new LongAdder();
    public final LongAdder inBytes = new LongAdder();
    public final LongAdder outMsgs = new LongAdder();
    public final LongAdder outBytes = new LongAdder();
    public final AtomicLong totalConnections = new AtomicLong();
    public final AtomicLong slowConsumers = new AtomicLong();
}
