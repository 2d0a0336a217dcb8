/**
 * Micrometer meters of the embedded NATS node, read from its monitoring documents.
 */
@NullMarked
package io.natsboot.boot.actuate.metrics;

import org.jspecify.annotations.NullMarked;
