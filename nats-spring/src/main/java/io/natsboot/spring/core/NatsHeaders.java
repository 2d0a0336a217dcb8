package io.natsboot.spring.core;

/** Header names this module reads or writes. */
public final class NatsHeaders {

    /** Set on a reply when the responder failed; its value is the error description (NATS services convention). */
    public static final String SERVICE_ERROR = "Nats-Service-Error";

    /** The error code that goes with {@link #SERVICE_ERROR}. */
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";

    public static final String CONTENT_TYPE = "Content-Type";

    private NatsHeaders() {
    }
}
