package io.natsboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.messaging.handler.annotation.ValueConstants;

/**
 * Binds a listener parameter to a message header: its first value for a single-valued type (converted to it), all
 * values for a {@code List}. An alias of spring-messaging's {@code @Header}, resolved by the same
 * {@code NatsHeaderArgumentResolver}; kept so that existing listeners compile.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsHeader {

    /** The header name. */
    String value();

    /** When true, a message without the header fails the invocation; when false the parameter is {@code null}. */
    boolean required() default true;

    /** The value used when the header is missing (placeholders allowed); implies {@code required = false}. */
    String defaultValue() default ValueConstants.DEFAULT_NONE;
}
