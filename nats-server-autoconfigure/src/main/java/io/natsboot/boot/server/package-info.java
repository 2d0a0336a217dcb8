/**
 * The embedded NATS server node as a Spring lifecycle component: started early, stopped after everything that
 * connects to it, its bound ports published to the environment. Runtime types only; the auto-configuration that
 * creates them lives in io.natsboot.autoconfigure.
 */
@NullMarked
package io.natsboot.boot.server;

import org.jspecify.annotations.NullMarked;
