package io.natsboot.server.hardening;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;

import java.lang.management.ManagementFactory;

/**
 * Samples the memory a node holds: the direct memory Netty's allocators have taken (the default allocator's metric,
 * the pooled one's, and Netty's own direct-memory counter when it keeps one, whichever is largest) and the JVM heap
 * just after a GC. Keeps the peaks.
 */
final class MemoryProbe {

    long baselineHeap;
    long peakDirect;
    long peakHeap;

    void baseline() {
        baselineHeap = heapAfterGc();
        peakHeap = baselineHeap;
        peakDirect = direct();
    }

    void sample() {
        peakDirect = Math.max(peakDirect, direct());
        peakHeap = Math.max(peakHeap, heapAfterGc());
    }

    static long direct() {
        long used = PlatformDependent.usedDirectMemory();
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) {
            used = Math.max(used, p.metric().usedDirectMemory());
        }
        return Math.max(used, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
