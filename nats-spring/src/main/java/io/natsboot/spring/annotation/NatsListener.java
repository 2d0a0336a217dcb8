package io.natsboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method to be called for each message on a subject. Every attribute but {@link #containerFactory()} may use
 * {@code ${...}} placeholders and {@code #{...}} SpEL.
 * <p>
 * Parameters: the message {@link io.nats.client.Message}, {@link io.nats.client.impl.Headers}, a header by
 * {@link NatsHeader}, the subject by {@link NatsSubject}, and at most one payload (optionally {@link NatsPayload}),
 * converted from the body by the factory's {@code NatsMessageConverter}. A non-null return value is published to the
 * message's reply subject, or to {@link SendTo} when the message has none. With spring-messaging on the class path,
 * its {@code @Payload}, {@code @Header} and {@code @SendTo} work as well (see {@link MessagingAnnotationSupport}).
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsListener {

    /** The subject to subscribe to; wildcards allowed. */
    String subject();

    /** The queue group; empty for none. Required when {@link #concurrency()} is more than 1. */
    String queue() default "";

    /** The container id, for the registry; generated when empty. */
    String id() default "";

    /** The number of subscriptions (each on its own dispatcher thread) in the queue group. */
    String concurrency() default "1";

    /** {@code "true"} or {@code "false"}; empty takes the container factory's setting. */
    String autoStartup() default "";

    /** The bean name of the {@code NatsListenerContainerFactory}; empty for the default. */
    String containerFactory() default "";
}
