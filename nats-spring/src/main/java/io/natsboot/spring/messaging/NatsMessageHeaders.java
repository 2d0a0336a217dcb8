package io.natsboot.spring.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.nats.client.Message;
import io.nats.client.impl.Headers;

import org.springframework.messaging.MessageHeaders;

/**
 * The headers of the Spring {@link org.springframework.messaging.Message} a listener method is invoked with: the
 * subject, the reply subject and the jnats message itself under the {@code nats_} names below, and every NATS header
 * under its own name (its value when it has one, the list of values when it has several). No id or timestamp is
 * generated: they would cost a random UUID per message and mean nothing on NATS.
 */
public final class NatsMessageHeaders extends MessageHeaders {

    /** The subject the message was published on. */
    public static final String SUBJECT = "nats_subject";

    /** The reply subject of a request; absent otherwise. */
    public static final String REPLY_TO = "nats_replyTo";

    /** The received jnats {@link Message}. */
    public static final String RAW_MESSAGE = "nats_message";

    private NatsMessageHeaders(Map<String, Object> headers) {
        super(headers, ID_VALUE_NONE, -1L);
    }

    /** The headers of a jnats message. */
    public static NatsMessageHeaders of(Message message) {
        Headers natsHeaders = message.getHeaders();
        Map<String, Object> headers = new HashMap<>();
        if (natsHeaders != null && !natsHeaders.isEmpty()) {
            natsHeaders.forEach((name, values) -> {
                if (!values.isEmpty() && !ID.equals(name) && !TIMESTAMP.equals(name)) {
                    headers.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
                }
            });
        }
        headers.put(SUBJECT, message.getSubject());
        String replyTo = message.getReplyTo();
        if (replyTo != null && !replyTo.isEmpty()) {
            headers.put(REPLY_TO, replyTo);
        }
        headers.put(RAW_MESSAGE, message);
        return new NatsMessageHeaders(headers);
    }

    /** The jnats message behind a Spring message built by {@link #of(Message)}, or {@code null}. */
    public static Message rawMessage(org.springframework.messaging.Message<?> message) {
        return message.getHeaders().get(RAW_MESSAGE, Message.class);
    }
}
