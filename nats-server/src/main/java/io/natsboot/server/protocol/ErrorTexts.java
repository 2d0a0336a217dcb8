package io.natsboot.server.protocol;

/** The exact {@code -ERR} texts of nats-server 2.9 (without the quotes), in one place. */
public final class ErrorTexts {

    public static final String UNKNOWN_PROTOCOL_OPERATION = "Unknown Protocol Operation";
    public static final String MAX_CONTROL_LINE = "maximum control line exceeded";
    public static final String MAX_PAYLOAD = "Maximum Payload Violation";
    public static final String MAX_CONNECTIONS = "maximum connections exceeded";
    public static final String MAX_SUBSCRIPTIONS = "maximum subscriptions exceeded";
    public static final String INVALID_SUBJECT = "Invalid Subject";
    public static final String INVALID_PUBLISH_SUBJECT = "Invalid Publish Subject";
    public static final String INVALID_CLIENT_PROTOCOL = "invalid client protocol";
    public static final String NO_RESPONDERS_NEEDS_HEADERS = "no responders requires headers support";
    public static final String AUTHORIZATION_VIOLATION = "Authorization Violation";
    public static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    public static final String STALE_CONNECTION = "Stale Connection";
    /** Sent in plain text when a client did not finish its TLS handshake in time. */
    public static final String TLS_REQUIRED = "Secure Connection - TLS Required";

    private ErrorTexts() {
    }

    /** {@code Permissions Violation for Subscription to "<subject>" using queue "<queue>"}. */
    public static String subscriptionViolation(String subject, String queue) {
        return queue == null
                ? "Permissions Violation for Subscription to " + GoQuote.quote(subject)
                : "Permissions Violation for Subscription to " + GoQuote.quote(subject) + " using queue "
                        + GoQuote.quote(queue);
    }

    /** {@code Permissions Violation for Publish with Reply of "<reply>"}. */
    public static String publishReplyViolation(String reply) {
        return "Permissions Violation for Publish with Reply of " + GoQuote.quote(reply);
    }

    /** {@code Permissions Violation for Publish to "<subject>"}. */
    public static String publishViolation(String subject) {
        return "Permissions Violation for Publish to " + GoQuote.quote(subject);
    }
}
