package io.natsboot.server.options;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Durations written the way nats-server (Go) writes them: a sequence of decimal numbers with units, e.g.
 * {@code 300ms}, {@code 2s}, {@code 1.5h}, {@code 1h30m}, {@code -2m}. Units: {@code ns us µs ms s m h}. A unit is
 * required except for {@code 0}.
 */
public final class GoDuration {

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * Parses a Go duration.
     *
     * @throws IllegalArgumentException naming the text when it is not one
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = unitNanos(s.substring(unitStart, i));
            if (unit == 0) {
                throw invalid(text);
            }
            total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is out of range");
        }
        Duration d = Duration.ofNanos(nanos.longValueExact());
        return negative ? d.negated() : d;
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "\u00b5s":
            case "\u03bcs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return 0L;
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\"");
    }

    /** Formats like Go's {@code time.Duration.String()}: {@code 0s}, {@code 500ms}, {@code 1.5s}, {@code 1h30m0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.toString();
        }
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return fraction(nanos, 1_000L) + "\u00b5s";
        }
        if (nanos < 1_000_000_000L) {
            return fraction(nanos, 1_000_000L) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        long secondNanos = rest % 60_000_000_000L;
        String seconds = fraction(secondNanos, 1_000_000_000L) + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return minutes + "m" + seconds;
        }
        return seconds;
    }

    private static String fraction(long value, long unit) {
        BigDecimal d = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
