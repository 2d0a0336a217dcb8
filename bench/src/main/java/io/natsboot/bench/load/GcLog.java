package io.natsboot.bench.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses a JVM wrote to its {@code -Xlog:gc:file=...} log, read from a given offset so that only
 * the measured window counts. A pause line ends with its duration, e.g.
 * {@code [3.214s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 60M->4M(1024M) 1.853ms}; concurrent
 * phases (no "Pause") are not pauses.
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("\\bPause\\b.*?([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

    /** Pauses in a part of the log. */
    record Pauses(int count, double maxMillis, double totalMillis) {

        static final Pauses NONE = new Pauses(0, 0, 0);

        Pauses plus(Pauses o) {
            return new Pauses(count + o.count, Math.max(maxMillis, o.maxMillis), totalMillis + o.totalMillis);
        }

        String describe() {
            return count == 0 ? "no GC pause"
                    : String.format(Locale.ROOT, "%d GC pause%s, max %.2f ms, total %.1f ms", count,
                    count == 1 ? "" : "s", maxMillis, totalMillis);
        }
    }

    private GcLog() {
    }

    /** The JVM option that makes a process write its GC log into {@code dir}, one file per process id. */
    static String jvmOption(Path dir) {
        return "-Xlog:gc:file=" + dir.resolve("natsboot-gc-%p.log");
    }

    /** Whether a command line (a server's program) writes a GC log made by {@link #jvmOption(Path)}. */
    static boolean inCommand(List<String> command) {
        return command.stream().anyMatch(a -> a.startsWith("-Xlog:gc:file="));
    }

    /** Where a process started with {@link #jvmOption(Path)} writes its log. */
    static Path file(Path dir, long pid) {
        return dir.resolve("natsboot-gc-" + pid + ".log");
    }

    /** The log's current length: the offset to read the next window from. */
    static long length(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The pauses logged from {@code offset} on. */
    static Pauses pausesSince(Path log, long offset) {
        if (!Files.isRegularFile(log)) {
            return Pauses.NONE;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            if (len <= offset) {
                return Pauses.NONE;
            }
            byte[] b = new byte[(int) Math.min(Integer.MAX_VALUE - 8, len - offset)];
            f.seek(offset);
            f.readFully(b);
            return pauses(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Pauses.NONE;
        }
    }

    /** The pauses in some lines of a GC log. */
    static Pauses pauses(String text) {
        Pauses p = Pauses.NONE;
        for (String line : text.split("\n")) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                double ms = Double.parseDouble(m.group(1));
                p = p.plus(new Pauses(1, ms, ms));
            }
        }
        return p;
    }
}
