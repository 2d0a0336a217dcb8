package io.natsboot.spring.messaging;

import io.natsboot.spring.annotation.NatsSubject;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/** Resolves a {@link NatsSubject @NatsSubject} parameter to the subject the message was published on. */
public class NatsSubjectArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(NatsSubject.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        return message.getHeaders().get(NatsMessageHeaders.SUBJECT);
    }
}
