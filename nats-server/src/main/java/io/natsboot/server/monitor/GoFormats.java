package io.natsboot.server.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times and durations written the way nats-server's JSON shows them, so tools that parse its monitoring output
 * read ours; stateless.
 */
final class GoFormats {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoFormats() {
    }

    /** RFC 3339 in UTC, up to nanoseconds, the fraction's trailing zeros dropped: {@code 2024-01-02T03:04:05.1Z}. */
    static String time(Instant t) {
        StringBuilder sb = new StringBuilder(32).append(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(fraction, 0, end);
        }
        return sb.append('Z').toString();
    }

    /** Whole seconds split into years, days, hours, minutes: {@code 0s}, {@code 2m2s}, {@code 1d0h0m5s}. */
    static String uptime(Duration d) {
        long secs = Math.max(0, d.getSeconds());
        long mins = secs / 60;
        long hours = mins / 60;
        long days = hours / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (mins > 0) {
            return mins + "m" + secs % 60 + "s";
        }
        return secs + "s";
    }

    /** A round-trip time as /connz shows it: under a millisecond cut to whole microseconds, as nats-server does. */
    static String rtt(long nanos) {
        if (nanos > 1_000 && nanos < 1_000_000) {
            nanos -= nanos % 1_000;
        }
        return duration(Duration.ofNanos(nanos));
    }

    /** A duration as Go's {@code Duration.String()} writes it: {@code 0s}, {@code 338µs}, {@code 2m0.5s}. */
    static String duration(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            nanos = d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; it is off by one nanosecond, which no caller can notice
        long u = negative ? (nanos == Long.MIN_VALUE ? Long.MAX_VALUE : -nanos) : nanos;
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        if (u < 1_000) {
            return sb.append(u).append("ns").toString();
        }
        if (u < 1_000_000) {
            return fraction(sb, u, 3).append("µs").toString();
        }
        if (u < 1_000_000_000) {
            return fraction(sb, u, 6).append("ms").toString();
        }
        long secs = u / 1_000_000_000;
        long hours = secs / 3600;
        long mins = secs / 60 % 60;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || mins > 0) {
            sb.append(mins).append('m');
        }
        return fraction(sb, u % 60_000_000_000L, 9).append('s').toString();
    }

    /** Appends {@code value / 10^digits} with the fraction's trailing zeros (and a bare point) dropped. */
    private static StringBuilder fraction(StringBuilder sb, long value, int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        sb.append(value / scale);
        long rest = value % scale;
        if (rest != 0) {
            String f = String.format("%0" + digits + "d", rest);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb;
    }
}
