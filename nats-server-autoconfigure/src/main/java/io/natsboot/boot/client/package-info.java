/**
 * The application's jnats connection at run time: its lifecycle (drain on stop), the deferred first connect of
 * nats.client.fail-on-startup=false, and its connection logging.
 */
@NullMarked
package io.natsboot.boot.client;

import org.jspecify.annotations.NullMarked;
