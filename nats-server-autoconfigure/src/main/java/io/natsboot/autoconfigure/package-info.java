/**
 * Auto-configuration of the embedded NATS server node and the application's jnats connection.
 */
@NullMarked
package io.natsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
