/**
 * Health indicators of the embedded NATS node, its cluster and the application's connection.
 */
@NullMarked
package io.natsboot.boot.actuate.health;

import org.jspecify.annotations.NullMarked;
