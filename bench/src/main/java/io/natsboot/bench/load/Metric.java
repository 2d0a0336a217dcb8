package io.natsboot.bench.load;

/**
 * One figure of a run.
 *
 * @param name           short label shown in the table, e.g. {@code msg/s}
 * @param value          the figure
 * @param higherIsBetter true for throughput, false for latency
 * @param bytesPerSecond payload MB/s shown beside a message rate, or NaN
 */
public record Metric(String name, double value, boolean higherIsBetter, double bytesPerSecond) {

    static Metric rate(String name, double perSecond, int payloadSize) {
        return new Metric(name, perSecond, true, perSecond * payloadSize);
    }

    /** A rate shown without MB/s (e.g. requests, whose payload size says little about the work). */
    static Metric higher(String name, double value) {
        return new Metric(name, value, true, Double.NaN);
    }

    static Metric lower(String name, double value) {
        return new Metric(name, value, false, Double.NaN);
    }
}
