/**
 * The nats actuator endpoint: the embedded node, its cluster and the application's client, read from the engine's
 * monitoring documents.
 */
@NullMarked
package io.natsboot.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
