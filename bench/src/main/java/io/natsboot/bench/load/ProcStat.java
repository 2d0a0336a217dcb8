package io.natsboot.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process's CPU time from {@code /proc/<pid>/stat} (Linux): user plus system time of all its threads, in clock
 * ticks ({@code getconf CLK_TCK}, usually 100 a second).
 */
final class ProcStat {

    /** utime and stime are the 14th and 15th fields; counted here from the state, the 3rd, after the command. */
    private static final int UTIME_AFTER_COMMAND = 11;
    private static volatile long ticksPerSecond;

    private ProcStat() {
    }

    /**
     * utime + stime from the text of a {@code stat} file. The command (2nd field, in parentheses) may itself hold
     * spaces and parentheses, so the fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length <= UTIME_AFTER_COMMAND + 1) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat);
        }
        return Long.parseLong(f[UTIME_AFTER_COMMAND]) + Long.parseLong(f[UTIME_AFTER_COMMAND + 1]);
    }

    /** utime + stime of a live process, in clock ticks; -1 when it cannot be read (gone, or not Linux). */
    static long cpuTicks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Clock ticks per second, from {@code getconf CLK_TCK} once; 100 (the Linux default) if it cannot run. */
    static long ticksPerSecond() {
        long t = ticksPerSecond;
        if (t <= 0) {
            t = getconfClockTicks();
            ticksPerSecond = t;
        }
        return t;
    }

    private static long getconfClockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                long v = Long.parseLong(out);
                if (v > 0) {
                    return v;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
