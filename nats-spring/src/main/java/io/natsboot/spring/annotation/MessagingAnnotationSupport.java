package io.natsboot.spring.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Reads Spring's standard messaging annotations ({@code org.springframework.messaging.handler.annotation.Payload},
 * {@code Header} and {@code SendTo}) on listener methods, next to our own {@link NatsPayload}, {@link NatsHeader} and
 * {@link SendTo}. spring-messaging is optional: whether it is on the class path is checked once, and the types are
 * only touched through the nested {@code Messaging} class, which is loaded only when they are present. No signature
 * of this class mentions a spring-messaging type.
 */
public final class MessagingAnnotationSupport {

    /** Whether spring-messaging's annotations are on the class path. */
    public static final boolean SPRING_MESSAGING_PRESENT = ClassUtils.isPresent(
            "org.springframework.messaging.handler.annotation.Payload",
            MessagingAnnotationSupport.class.getClassLoader());

    private MessagingAnnotationSupport() {
    }

    /**
     * How a header parameter is bound.
     * @param name the header name
     * @param required whether a message without it fails the invocation
     * @param defaultValue used when the header is missing, or {@code null}
     */
    public record HeaderBinding(String name, boolean required, String defaultValue) {
    }

    /** Whether the parameter is marked as the payload, by {@link NatsPayload} or spring-messaging's {@code @Payload}. */
    public static boolean isPayload(Parameter parameter) {
        return parameter.isAnnotationPresent(NatsPayload.class)
                || (SPRING_MESSAGING_PRESENT && Messaging.isPayload(parameter));
    }

    /**
     * The header binding of the parameter, from {@link NatsHeader} or spring-messaging's {@code @Header}, or
     * {@code null} when it has neither.
     */
    public static HeaderBinding header(Parameter parameter) {
        NatsHeader header = parameter.getAnnotation(NatsHeader.class);
        if (header != null) {
            return new HeaderBinding(header.value(), header.required(), null);
        }
        return SPRING_MESSAGING_PRESENT ? Messaging.header(parameter) : null;
    }

    /**
     * The unresolved {@code sendTo} destination of a listener method, from {@link SendTo} or spring-messaging's
     * {@code @SendTo} (on the method, else on its class), or {@code null}.
     */
    public static String sendTo(Method method) {
        SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
        if (sendTo != null) {
            return sendTo.value();
        }
        return SPRING_MESSAGING_PRESENT ? Messaging.sendTo(method) : null;
    }

    /** Touches the spring-messaging types; loaded only when they are present. */
    private static final class Messaging {

        static boolean isPayload(Parameter parameter) {
            org.springframework.messaging.handler.annotation.Payload payload = AnnotatedElementUtils
                .findMergedAnnotation(parameter, org.springframework.messaging.handler.annotation.Payload.class);
            if (payload == null) {
                return false;
            }
            if (StringUtils.hasText(payload.expression())) {
                throw new IllegalStateException("@Payload expressions are not supported on NATS listeners: "
                        + parameter.getDeclaringExecutable());
            }
            return true;
        }

        static HeaderBinding header(Parameter parameter) {
            // merged, so that value and name (aliases of each other) are both honoured
            org.springframework.messaging.handler.annotation.Header header = AnnotatedElementUtils
                .findMergedAnnotation(parameter, org.springframework.messaging.handler.annotation.Header.class);
            if (header == null) {
                return null;
            }
            String name = StringUtils.hasText(header.name()) ? header.name() : header.value();
            if (!StringUtils.hasText(name)) {
                if (!parameter.isNamePresent()) {
                    throw new IllegalStateException("@Header without a name on " + parameter.getDeclaringExecutable()
                            + " and no parameter names in the class file: name the header or compile with"
                            + " -parameters");
                }
                name = parameter.getName();
            }
            String defaultValue = org.springframework.messaging.handler.annotation.ValueConstants.DEFAULT_NONE
                .equals(header.defaultValue()) ? null : header.defaultValue();
            return new HeaderBinding(name, header.required() && defaultValue == null, defaultValue);
        }

        static String sendTo(Method method) {
            org.springframework.messaging.handler.annotation.SendTo sendTo = AnnotatedElementUtils
                .findMergedAnnotation(method, org.springframework.messaging.handler.annotation.SendTo.class);
            if (sendTo == null) {
                sendTo = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(),
                        org.springframework.messaging.handler.annotation.SendTo.class);
            }
            if (sendTo == null || sendTo.value().length == 0) {
                return null;
            }
            if (sendTo.value().length > 1) {
                throw new IllegalStateException("@SendTo on " + method + " names " + sendTo.value().length
                        + " destinations; a NATS listener replies to one subject");
            }
            return sendTo.value()[0];
        }

    }

}
