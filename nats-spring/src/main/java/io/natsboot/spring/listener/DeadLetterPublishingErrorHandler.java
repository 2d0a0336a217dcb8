package io.natsboot.spring.listener;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.natsboot.spring.core.NatsHeaders;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Forwards a message its listener finally failed on to a dead-letter subject, with its own headers and body plus
 * {@value NatsHeaders#DLT_EXCEPTION}, {@value NatsHeaders#DLT_EXCEPTION_MESSAGE},
 * {@value NatsHeaders#DLT_ORIGINAL_SUBJECT}, {@value NatsHeaders#DLT_ATTEMPTS} and {@value NatsHeaders#DLT_LISTENER}.
 * A request (a message with a reply subject) is not forwarded but goes to the delegate, which answers the requester
 * (the default handler replies with {@value NatsHeaders#SERVICE_ERROR}); so does a message that was itself
 * dead-lettered before (it carries {@value NatsHeaders#DLT_ORIGINAL_SUBJECT}), so that a listener whose wildcard also
 * matches its dead-letter subject does not loop.
 */
public class DeadLetterPublishingErrorHandler implements NatsListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(DeadLetterPublishingErrorHandler.class);

    private final NatsListenerErrorHandler delegate;

    private final String deadLetterSubject;

    private final String suffix;

    /**
     * @param delegate handles requests and what cannot be forwarded
     * @param deadLetterSubject the subject to forward to, or {@code null} for the message's subject plus the suffix
     * @param suffix appended to the message's subject when no subject is given
     */
    public DeadLetterPublishingErrorHandler(NatsListenerErrorHandler delegate, String deadLetterSubject,
            String suffix) {
        Assert.notNull(delegate, "delegate must not be null");
        Assert.isTrue(StringUtils.hasText(deadLetterSubject) || StringUtils.hasText(suffix),
                "a dead-letter subject or suffix is needed");
        this.delegate = delegate;
        this.deadLetterSubject = StringUtils.hasText(deadLetterSubject) ? deadLetterSubject : null;
        this.suffix = suffix;
    }

    /** The subject a failed message on {@code subject} goes to. */
    public String deadLetterSubjectFor(String subject) {
        return deadLetterSubject != null ? deadLetterSubject : subject + suffix;
    }

    @Override
    public void handleError(Message message, NatsListenerExecutionFailedException error, Connection connection) {
        Headers original = message.getHeaders();
        if (StringUtils.hasText(message.getReplyTo())
                || (original != null && original.containsKey(NatsHeaders.DLT_ORIGINAL_SUBJECT))) {
            delegate.handleError(message, error, connection);
            return;
        }
        String target = deadLetterSubjectFor(message.getSubject());
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        Headers headers = original != null ? new Headers(original) : new Headers();
        headers.put(NatsHeaders.DLT_EXCEPTION, cause.getClass().getName());
        headers.put(NatsHeaders.DLT_EXCEPTION_MESSAGE, DefaultNatsListenerErrorHandler.describe(error));
        headers.put(NatsHeaders.DLT_ORIGINAL_SUBJECT, message.getSubject());
        headers.put(NatsHeaders.DLT_ATTEMPTS, Integer.toString(error.getAttempts()));
        headers.put(NatsHeaders.DLT_LISTENER, error.getListenerId());
        try {
            connection.publish(target, headers, message.getData());
        }
        catch (RuntimeException ex) {
            logger.error("Listener '" + error.getListenerId() + "' could not forward a failed message on '"
                    + message.getSubject() + "' to '" + target + "'", ex);
            delegate.handleError(message, error, connection);
            return;
        }
        logger.warn("Listener '" + error.getListenerId() + "' failed on a message on '" + message.getSubject()
                + "' after " + error.getAttempts() + (error.getAttempts() == 1 ? " attempt" : " attempts")
                + "; forwarded to '" + target + "'", error);
    }
}
