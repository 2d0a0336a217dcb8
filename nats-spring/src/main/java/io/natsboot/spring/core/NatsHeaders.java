package io.natsboot.spring.core;

/** Header names this module reads or writes. */
public final class NatsHeaders {

    /** Set on a reply when the responder failed; its value is the error description (NATS services convention). */
    public static final String SERVICE_ERROR = "Nats-Service-Error";

    /** The error code that goes with {@link #SERVICE_ERROR}. */
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";

    public static final String CONTENT_TYPE = "Content-Type";

    /** On a dead-lettered message: the class name of the listener's last failure. */
    public static final String DLT_EXCEPTION = "Nats-Dlt-Exception";

    /** On a dead-lettered message: the message of the listener's last failure (one line). */
    public static final String DLT_EXCEPTION_MESSAGE = "Nats-Dlt-Exception-Message";

    /** On a dead-lettered message: the subject it was published on. */
    public static final String DLT_ORIGINAL_SUBJECT = "Nats-Dlt-Original-Subject";

    /** On a dead-lettered message: how many times the listener was called with it. */
    public static final String DLT_ATTEMPTS = "Nats-Dlt-Attempts";

    /** On a dead-lettered message: the id of the listener that failed. */
    public static final String DLT_LISTENER = "Nats-Dlt-Listener";

    private NatsHeaders() {
    }
}
