/**
 * {@link io.natsboot.test.EmbeddedNats @EmbeddedNats}: an isolated NATS node (or a small cluster) for
 * {@code @SpringBootTest}s of applications using the natsboot starter.
 */
@NullMarked
package io.natsboot.test;

import org.jspecify.annotations.NullMarked;
