package io.natsboot.spring.annotation;

import java.lang.reflect.Method;

import org.springframework.core.annotation.AnnotatedElementUtils;

/** Reads the reply fallback of a listener method from our {@link SendTo} or spring-messaging's {@code @SendTo}. */
final class SendToAnnotations {

    private SendToAnnotations() {
    }

    /** The unresolved destination, from the method, else its class; {@code null} when there is none. */
    static String sendTo(Method method) {
        SendTo ours = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
        if (ours != null) {
            return ours.value();
        }
        org.springframework.messaging.handler.annotation.SendTo theirs = AnnotatedElementUtils
            .findMergedAnnotation(method, org.springframework.messaging.handler.annotation.SendTo.class);
        if (theirs == null) {
            theirs = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(),
                    org.springframework.messaging.handler.annotation.SendTo.class);
        }
        if (theirs == null || theirs.value().length == 0) {
            return null;
        }
        if (theirs.value().length > 1) {
            throw new IllegalStateException("@SendTo on " + method + " names " + theirs.value().length
                    + " destinations; a NATS listener replies to one subject");
        }
        return theirs.value()[0];
    }
}
