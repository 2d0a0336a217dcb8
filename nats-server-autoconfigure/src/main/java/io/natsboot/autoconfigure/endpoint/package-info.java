/**
 * The {@code nats} actuator endpoint: the embedded node and its cluster.
 */
@NullMarked
package io.natsboot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
