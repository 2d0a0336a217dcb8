package io.natsboot.spring.core;

/** A request got no usable reply: it timed out, had no responders, was interrupted or the connection failed. */
public class NatsRequestException extends RuntimeException {

    public NatsRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
