package io.natsboot.spring.converter;

import java.lang.reflect.Type;

/**
 * Turns payloads into message bodies and back. Used by {@code NatsTemplate} and by {@code @NatsListener} methods.
 */
public interface NatsMessageConverter {

    /** The body for a payload; {@code null} gives an empty body. */
    byte[] toBytes(Object payload);

    /**
     * A payload of the given type from a body. {@code data} may be empty (never {@code null}).
     *
     * @throws NatsMessageConversionException when the body cannot be read as that type
     */
    Object fromBytes(byte[] data, Type targetType);

    /** The {@code Content-Type} header value for this payload, or {@code null} to send none. */
    default String contentType(Object payload) {
        return null;
    }
}
