package io.natsboot.autoconfigure;

import java.time.Duration;

import io.natsboot.spring.listener.NatsListenerRetry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Configuration of {@code @NatsListener} containers built by the auto-configured factory: retries of a failing
 * listener and dead-lettering after them.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("nats.listener")
public class NatsListenerProperties {

    private final Retry retry = new Retry();

    private final DeadLetter deadLetter = new DeadLetter();

    public Retry getRetry() {
        return this.retry;
    }

    public DeadLetter getDeadLetter() {
        return this.deadLetter;
    }

    /** The retry these properties describe. */
    public NatsListenerRetry toListenerRetry() {
        NatsListenerRetry result = NatsListenerRetry.NONE;
        if (this.retry.isEnabled() && this.retry.getMaxAttempts() > 1) {
            ExponentialBackOff backOff = new ExponentialBackOff(this.retry.getInitialInterval().toMillis(),
                    this.retry.getMultiplier());
            backOff.setMaxInterval(this.retry.getMaxInterval().toMillis());
            backOff.setMaxAttempts(this.retry.getMaxAttempts() - 1);
            result = NatsListenerRetry.backOff(backOff);
        }
        return this.deadLetter.isEnabled() ? result.withDeadLetterSuffix(this.deadLetter.getSuffix()) : result;
    }

    public static class Retry {

        /**
         * Whether a listener that throws is called again with the same message, on the same thread, after a
         * back-off.
         */
        private boolean enabled;

        /** Calls in all, the first one included. */
        private int maxAttempts = 3;

        /** Wait before the first retry. */
        private Duration initialInterval = Duration.ofSeconds(1);

        /** Factor applied to the wait before each further retry. */
        private double multiplier = 1.0;

        /** Longest wait between two calls. */
        private Duration maxInterval = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return this.initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return this.maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

    }

    public static class DeadLetter {

        /**
         * Whether a message the listener still fails on (after the retries) is forwarded to its dead-letter subject,
         * with the error in headers. Requests get an error reply instead.
         */
        private boolean enabled;

        /** Appended to the message's subject to name its dead-letter subject. */
        private String suffix = NatsListenerRetry.DEFAULT_DEAD_LETTER_SUFFIX;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getSuffix() {
            return this.suffix;
        }

        public void setSuffix(String suffix) {
            this.suffix = suffix;
        }

    }

}
