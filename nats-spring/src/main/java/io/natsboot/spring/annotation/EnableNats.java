package io.natsboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.natsboot.spring.config.NatsBootstrapConfiguration;

import org.springframework.context.annotation.Import;

/**
 * Turns on {@link NatsListener} methods: registers the annotation post-processor and the
 * {@link io.natsboot.spring.config.NatsListenerEndpointRegistry} under the names in
 * {@link io.natsboot.spring.config.NatsListenerConfigUtils}. Containers come from the
 * {@code natsListenerContainerFactory} bean unless a listener names another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(NatsBootstrapConfiguration.class)
public @interface EnableNats {
}
