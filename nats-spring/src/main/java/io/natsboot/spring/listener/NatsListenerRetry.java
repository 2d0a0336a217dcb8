package io.natsboot.spring.listener;

import java.time.Duration;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What a listener container does with a message its listener fails on: retry it on the same thread after the
 * delays of a Spring {@link BackOff} (its {@code maxAttempts} counts the retries, as in spring-kafka's
 * {@code DefaultErrorHandler}: {@code new FixedBackOff(1000, 2)} is three calls in all), then, when dead-lettering is
 * on, forward it to a dead-letter subject ({@code <subject of the message>} + {@link #getDeadLetterSuffix()} unless
 * the listener names one). Failures in resolving or converting arguments are not retried. Immutable; {@link #NONE}
 * (the default) calls once and does not dead-letter.
 */
public final class NatsListenerRetry {

    /** Appended to a failed message's subject to name its dead-letter subject. */
    public static final String DEFAULT_DEAD_LETTER_SUFFIX = ".DLT";

    /** One call, no dead letter: the failure goes to the error handler at once. */
    public static final NatsListenerRetry NONE = new NatsListenerRetry(null, false, DEFAULT_DEAD_LETTER_SUFFIX);

    private final BackOff backOff;

    private final boolean deadLetter;

    private final String deadLetterSuffix;

    private NatsListenerRetry(BackOff backOff, boolean deadLetter, String deadLetterSuffix) {
        this.backOff = backOff;
        this.deadLetter = deadLetter;
        this.deadLetterSuffix = deadLetterSuffix;
    }

    /** Retries after the delays of the back-off, as many times as it allows. */
    public static NatsListenerRetry backOff(BackOff backOff) {
        Assert.notNull(backOff, "backOff must not be null");
        return new NatsListenerRetry(backOff, false, DEFAULT_DEAD_LETTER_SUFFIX);
    }

    /** {@code maxAttempts} calls in all (the first one included), {@code delay} apart. */
    public static NatsListenerRetry attempts(int maxAttempts, Duration delay) {
        Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
        return maxAttempts == 1 ? NONE : backOff(new FixedBackOff(delay.toMillis(), maxAttempts - 1));
    }

    /** The same retries, then the message goes to its dead-letter subject. */
    public NatsListenerRetry withDeadLetter() {
        return new NatsListenerRetry(backOff, true, deadLetterSuffix);
    }

    /** The same retries, then the message goes to {@code <subject>} + {@code suffix}; turns dead-lettering on. */
    public NatsListenerRetry withDeadLetterSuffix(String suffix) {
        Assert.isTrue(StringUtils.hasText(suffix), "suffix must not be empty");
        return new NatsListenerRetry(backOff, true, suffix);
    }

    /** The back-off between calls, or {@code null} for a single call. */
    public BackOff getBackOff() {
        return backOff;
    }

    public boolean isDeadLetter() {
        return deadLetter;
    }

    public String getDeadLetterSuffix() {
        return deadLetterSuffix;
    }

    @Override
    public String toString() {
        return "NatsListenerRetry[backOff=" + backOff + ", deadLetter=" + deadLetter
                + (deadLetter ? ", suffix=" + deadLetterSuffix : "") + "]";
    }
}
