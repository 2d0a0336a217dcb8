package io.natsboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds a listener parameter to a message header: its first value for a {@code String}, all for a {@code List}. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsHeader {

    /** The header name. */
    String value();

    /** When true, a message without the header fails the invocation; when false the parameter is {@code null}. */
    boolean required() default true;
}
