package io.natsboot.spring.messaging;

import java.lang.reflect.Type;

import io.natsboot.spring.converter.NatsMessageConverter;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A spring-messaging {@link SmartMessageConverter} over a {@link NatsMessageConverter}: a {@code byte[]} payload is
 * read as the target parameter's generic type (the conversion hint), anything is written as its body.
 */
public class NatsMessageConverterAdapter implements SmartMessageConverter {

    private final NatsMessageConverter converter;

    public NatsMessageConverterAdapter(NatsMessageConverter converter) {
        this.converter = converter;
    }

    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass) {
        return fromMessage(message, targetClass, null);
    }

    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass, Object conversionHint) {
        if (!(message.getPayload() instanceof byte[] body)) {
            return null;
        }
        // the hint is the parameter itself, unless that is a Message<T> whose T is the target class
        Type type = conversionHint instanceof MethodParameter parameter
                && !Message.class.isAssignableFrom(parameter.getParameterType())
                        ? parameter.getNestedGenericParameterType() : targetClass;
        return converter.fromBytes(body, type);
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers) {
        return toMessage(payload, headers, null);
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers, Object conversionHint) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(converter.toBytes(payload));
        if (headers != null) {
            builder.copyHeaders(headers);
        }
        return builder.build();
    }
}
