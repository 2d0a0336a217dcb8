package io.natsboot.autoconfigure;

import io.nats.client.Options;

/**
 * Callback to customize the jnats {@link Options.Builder} of the auto-configured connection, applied after the
 * {@code nats.client.*} properties.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NatsOptionsBuilderCustomizer {

    /**
     * Customizes the builder.
     * @param builder the builder to customize
     */
    void customize(Options.Builder builder);

}
