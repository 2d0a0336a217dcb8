package io.natsboot.spring.converter;

/** A payload could not be written to, or read from, a message body. */
public class NatsMessageConversionException extends RuntimeException {

    public NatsMessageConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
