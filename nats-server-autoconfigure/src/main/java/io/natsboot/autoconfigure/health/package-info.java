/**
 * Health of the embedded NATS node, its cluster and the application's connection.
 */
@NullMarked
package io.natsboot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
