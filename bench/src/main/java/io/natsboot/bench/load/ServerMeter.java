package io.natsboot.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the server processes of one target around a run's measured window: their CPU time from
 * {@code /proc/<pid>/stat} (all processes of a cluster summed) and, when natsboot writes a GC log, the pauses logged
 * meanwhile. Adds what it measured to the run's details.
 */
final class ServerMeter implements RunWindow {

    private final List<Long> pids;
    private final List<Path> gcLogs;
    private long startTicks = -1;
    private long endTicks = -1;
    private long[] gcOffsets;
    private GcLog.Pauses pauses;

    /** @param gcLogs the GC logs of the processes (empty when none is written) */
    ServerMeter(List<Long> pids, List<Path> gcLogs) {
        this.pids = List.copyOf(pids);
        this.gcLogs = List.copyOf(gcLogs);
    }

    /** A meter for a target: its processes, and their GC logs when {@code gcLogDir} is set. */
    static ServerMeter of(Target target, Path gcLogDir) {
        List<Long> pids = target.serverPids();
        List<Path> logs = new ArrayList<>();
        if (gcLogDir != null && target.writesGcLog()) {
            for (long pid : pids) {
                logs.add(GcLog.file(gcLogDir, pid));
            }
        }
        return new ServerMeter(pids, logs);
    }

    @Override
    public void opened() {
        startTicks = ticks();
        gcOffsets = new long[gcLogs.size()];
        for (int i = 0; i < gcOffsets.length; i++) {
            gcOffsets[i] = GcLog.length(gcLogs.get(i));
        }
    }

    @Override
    public void closed() {
        if (startTicks < 0 || endTicks >= 0) {
            return;
        }
        endTicks = ticks();
        if (!gcLogs.isEmpty()) {
            // The JVM writes each log line as the pause ends, so what the window caused is in the file by now.
            GcLog.Pauses p = GcLog.Pauses.NONE;
            for (int i = 0; i < gcLogs.size(); i++) {
                p = p.plus(GcLog.pausesSince(gcLogs.get(i), gcOffsets[i]));
            }
            pauses = p;
        }
    }

    /** Sum of the processes' utime + stime, or -1 when there is none or one cannot be read. */
    private long ticks() {
        if (pids.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (long pid : pids) {
            long t = ProcStat.cpuTicks(pid);
            if (t < 0) {
                return -1;
            }
            sum += t;
        }
        return sum;
    }

    /**
     * Fewer clock ticks than this in a window (0.1 s of CPU at 100 Hz) give no per-message figure: a tick either way
     * would move it by more than 10 %.
     */
    static final long MIN_TICKS = 10;

    /** Server CPU-seconds in the window, or NaN when not measured. */
    double cpuSeconds() {
        return startTicks < 0 || endTicks < 0 ? Double.NaN
                : (endTicks - startTicks) / (double) ProcStat.ticksPerSecond();
    }

    /** Puts the server CPU (total and per million counted messages) and the GC pauses into the run's details. */
    void addTo(RunResult r) {
        double cpu = cpuSeconds();
        if (!Double.isNaN(cpu)) {
            r.details.put("serverCpuSeconds", cpu);
            r.details.put("serverCpuTicks", endTicks - startTicks);
            long counted = r.countedMessages();
            if (counted > 0 && endTicks - startTicks >= MIN_TICKS) {
                r.details.put("serverCpuSecondsPerMillion", cpu / counted * 1e6);
            }
            if (r.seconds > 0) {
                r.details.put("serverCores", cpu / r.seconds);
            }
        }
        if (pauses != null) {
            r.details.put("gcPauses", pauses.count());
            r.details.put("gcMaxPauseMs", pauses.maxMillis());
            r.details.put("gcTotalPauseMs", pauses.totalMillis());
        }
    }
}
