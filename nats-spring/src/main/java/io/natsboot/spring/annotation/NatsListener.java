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
 * The method is invoked through spring-messaging's {@code MessageHandlerMethodFactory} (see
 * {@link io.natsboot.spring.messaging.NatsMessageHandlerMethodFactory}). Parameters: the jnats
 * {@link io.nats.client.Message}, {@link io.nats.client.impl.Headers}, a header by {@code @Header} (or its alias
 * {@link NatsHeader}), the subject by {@link NatsSubject}, Spring's {@code Message<?>} and {@code @Headers} map, and
 * at most one payload ({@code @Payload}, its alias {@link NatsPayload}, or unannotated), converted from the body by
 * the factory's {@code NatsMessageConverter}. A non-null return value is published to the message's reply subject,
 * or to {@code @SendTo} (spring-messaging's or {@link SendTo}) when the message has none.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsListener {

    /** The subject to subscribe to; wildcards allowed. */
    String subject();

    /** The queue group; empty for none. Required when {@link #concurrency()} is more than 1. */
    String queue() default "";

    /**
     * The container id, for the registry, the logs and the observations; {@code beanName#methodName} when empty
     * (with {@code #2}, {@code #3}... for overloads).
     */
    String id() default "";

    /** The number of subscriptions (each on its own dispatcher thread) in the queue group. */
    String concurrency() default "1";

    /** {@code "true"} or {@code "false"}; empty takes the container factory's setting. */
    String autoStartup() default "";

    /** The bean name of the {@code NatsListenerContainerFactory}; empty for the default. */
    String containerFactory() default "";

    /**
     * The bean name of the {@code NatsListenerRetry} for this listener (how often a failing message is retried, with
     * what back-off, and whether it is then dead-lettered); empty takes the container factory's.
     */
    String retry() default "";

    /**
     * The subject failed messages are forwarded to once the retries are spent; naming one turns dead-lettering on
     * for this listener. Empty takes the retry's rule ({@code <subject of the message>.DLT} when it dead-letters).
     */
    String deadLetterSubject() default "";
}
