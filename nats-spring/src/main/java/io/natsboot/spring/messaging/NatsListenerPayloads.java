package io.natsboot.spring.messaging;

import java.lang.reflect.Method;

import io.natsboot.spring.annotation.NatsHeader;
import io.natsboot.spring.annotation.NatsPayload;
import io.natsboot.spring.annotation.NatsSubject;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * Which parameter of a listener method is the payload, so that the body is converted once, to that parameter's
 * (generic) type, by the listener's own {@code NatsMessageConverter} before the method is invoked (as spring-kafka
 * infers the payload type). The payload is the parameter marked {@link Payload @Payload} or {@link NatsPayload}, or
 * else the one that is no header, subject or message. {@link NatsMessageHandlerMethodFactory#payloadParameter} asks
 * its resolvers instead; this is the rule for other factories.
 */
public final class NatsListenerPayloads {

    /** The payload of a message whose body the converter turned into nothing (a JSON listener given no body). */
    public static final Object NO_PAYLOAD = new Object() {
        @Override
        public String toString() {
            return "(no payload)";
        }
    };

    private NatsListenerPayloads() {
    }

    /**
     * The payload parameter of the method, or {@code null} when it has none.
     * @throws IllegalStateException when more than one parameter is a payload
     */
    public static MethodParameter payloadParameter(Method method) {
        MethodParameter found = null;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            if (!isPayload(parameter)) {
                continue;
            }
            if (found != null) {
                throw moreThanOne(method);
            }
            found = parameter;
        }
        return found;
    }

    static IllegalStateException moreThanOne(Method method) {
        return new IllegalStateException("More than one payload parameter on " + method
                + ": annotate the others with @Header (or @NatsHeader) or @NatsSubject");
    }

    private static boolean isPayload(MethodParameter parameter) {
        if (parameter.hasParameterAnnotation(Payload.class) || parameter.hasParameterAnnotation(NatsPayload.class)) {
            return true;
        }
        if (parameter.hasParameterAnnotation(Header.class) || parameter.hasParameterAnnotation(NatsHeader.class)
                || parameter.hasParameterAnnotation(Headers.class)
                || parameter.hasParameterAnnotation(NatsSubject.class)) {
            return false;
        }
        Class<?> type = parameter.getParameterType();
        return type != io.nats.client.Message.class && type != io.nats.client.impl.Headers.class
                && type != org.springframework.messaging.Message.class;
    }
}
