package io.natsboot.spring.messaging;

import io.nats.client.impl.Headers;
import io.natsboot.spring.annotation.NatsPayload;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves a parameter of type jnats {@link io.nats.client.Message} to the received message, and one of type
 * {@link Headers} to its headers (empty, never {@code null}, when it has none). A parameter marked as the payload is
 * left to the payload resolver.
 */
public class NatsMessageArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return (type == io.nats.client.Message.class || type == Headers.class)
                && !parameter.hasParameterAnnotation(Payload.class)
                && !parameter.hasParameterAnnotation(NatsPayload.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        io.nats.client.Message raw = NatsMessageHeaders.rawMessage(message);
        if (parameter.getParameterType() == io.nats.client.Message.class) {
            return raw;
        }
        Headers headers = raw != null ? raw.getHeaders() : null;
        return headers != null ? headers : new Headers();
    }
}
