package io.natsboot.spring.listener;

import java.nio.charset.StandardCharsets;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.natsboot.spring.core.NatsHeaders;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the failure; when the message is a request (has a reply subject), also replies with an empty body and the
 * headers {@value NatsHeaders#SERVICE_ERROR} (the cause's message) and {@value NatsHeaders#SERVICE_ERROR_CODE}
 * ({@code 500}), so the requester fails at once instead of timing out.
 */
public class DefaultNatsListenerErrorHandler implements NatsListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(DefaultNatsListenerErrorHandler.class);

    private boolean replyToRequests = true;

    /** Whether to answer requests with an error reply (default {@code true}). */
    public void setReplyToRequests(boolean replyToRequests) {
        this.replyToRequests = replyToRequests;
    }

    @Override
    public void handleError(Message message, NatsListenerExecutionFailedException error, Connection connection) {
        logger.error("Listener '" + error.getListenerId() + "' failed on a message on '" + message.getSubject() + "'",
                error);
        String replyTo = message.getReplyTo();
        if (replyToRequests && replyTo != null && !replyTo.isEmpty()) {
            Headers headers = new Headers();
            headers.put(NatsHeaders.SERVICE_ERROR, describe(error));
            headers.put(NatsHeaders.SERVICE_ERROR_CODE, "500");
            connection.publish(replyTo, headers, new byte[0]);
        }
    }

    static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        // Header values are one line of ASCII-safe text.
        text = text.replace('\r', ' ').replace('\n', ' ');
        return new String(text.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
