package io.natsboot.spring.core;

/** The responder answered with a {@value NatsHeaders#SERVICE_ERROR} header instead of a result. */
public class NatsServiceErrorException extends RuntimeException {

    private final String subject;

    private final String code;

    public NatsServiceErrorException(String subject, String error, String code) {
        super("Request on '" + subject + "' failed: " + error + (code != null ? " (code " + code + ")" : ""));
        this.subject = subject;
        this.code = code;
    }

    public String getSubject() {
        return subject;
    }

    /** The {@value NatsHeaders#SERVICE_ERROR_CODE} header, or {@code null}. */
    public String getCode() {
        return code;
    }
}
