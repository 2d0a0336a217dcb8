package io.natsboot.spring.messaging;

import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.PayloadMethodArgumentResolver;
import org.springframework.validation.Validator;

/**
 * Spring's payload resolution ({@code @Payload}, {@code @NatsPayload} or no annotation; validation when a
 * {@link Validator} is set), except that an empty body is a message like any other: only a payload the converter
 * turned into nothing counts as missing. (Spring's own resolver would also reject an empty {@code String} or
 * {@code byte[]}, which are ordinary NATS messages.)
 */
public class NatsPayloadArgumentResolver extends PayloadMethodArgumentResolver {

    public NatsPayloadArgumentResolver(MessageConverter messageConverter, Validator validator) {
        super(messageConverter, validator);
    }

    @Override
    protected boolean isEmptyPayload(Object payload) {
        return payload == null || payload == NatsListenerPayloads.NO_PAYLOAD;
    }
}
