/**
 * Micrometer metrics of the embedded NATS node and Observation of the programming model.
 */
@NullMarked
package io.natsboot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
