/**
 * The Spring programming model on jnats: {@link io.natsboot.spring.core.NatsTemplate} to publish and request,
 * {@link io.natsboot.spring.annotation.NatsListener} methods to consume, enabled by
 * {@link io.natsboot.spring.annotation.EnableNats}.
 */
package io.natsboot.spring;
