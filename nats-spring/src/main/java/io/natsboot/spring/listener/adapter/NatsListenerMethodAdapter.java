package io.natsboot.spring.listener.adapter;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.core.NatsHeaders;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerExecutionFailedException;
import io.natsboot.spring.listener.NatsMessageListener;
import io.natsboot.spring.messaging.NatsListenerPayloads;
import io.natsboot.spring.messaging.NatsMessageHeaders;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.StringUtils;

/**
 * Calls a listener method through spring-messaging's {@link InvocableHandlerMethod} (arguments resolved by the
 * {@code MessageHandlerMethodFactory} that built it). Per message: converts the body once, with the listener's
 * {@link NatsMessageConverter}, to the payload parameter's type; presents the message as a Spring message with
 * {@link NatsMessageHeaders}; invokes; publishes a non-null result to the reply subject (or the {@code sendTo}
 * fallback). A result of type {@link Message} is sent with its own headers and body. A {@link CompletionStage}
 * result is sent when it completes; if it fails, the failure goes to the error handler as a synchronous one would.
 */
public class NatsListenerMethodAdapter implements NatsMessageListener {

    private static final Log logger = LogFactory.getLog(NatsListenerMethodAdapter.class);

    private static final byte[] EMPTY = new byte[0];

    private final String listenerId;

    private final InvocableHandlerMethod handlerMethod;

    private final Type payloadType;

    private final Connection connection;

    private final NatsMessageConverter converter;

    private final String sendTo;

    private final NatsListenerErrorHandler errorHandler;

    /**
     * @param payload the parameter the body is converted for ({@code null}: none, the body is passed as
     * {@code byte[]})
     */
    public NatsListenerMethodAdapter(String listenerId, InvocableHandlerMethod handlerMethod, MethodParameter payload,
            Connection connection, NatsMessageConverter converter, String sendTo,
            NatsListenerErrorHandler errorHandler) {
        this.listenerId = listenerId;
        this.handlerMethod = handlerMethod;
        this.payloadType = payload != null ? payload.getGenericParameterType() : null;
        this.connection = connection;
        this.converter = converter;
        this.sendTo = StringUtils.hasText(sendTo) ? sendTo : null;
        this.errorHandler = errorHandler;
    }

    public Method getMethod() {
        return handlerMethod.getMethod();
    }

    @Override
    public void onMessage(Message message) throws Exception {
        // a body that cannot be converted throws here, as NatsMessageConversionException: not retried
        org.springframework.messaging.Message<Object> springMessage = new GenericMessage<>(payload(message),
                NatsMessageHeaders.of(message));
        Object result = handlerMethod.invoke(springMessage);
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> completed(message, value, error));
        }
        else if (result != null) {
            reply(message, result);
        }
    }

    private Object payload(Message message) {
        if (payloadType == null || payloadType == byte[].class) {
            return data(message);
        }
        Object payload = converter.fromBytes(data(message), payloadType);
        return payload != null ? payload : NatsListenerPayloads.NO_PAYLOAD;
    }

    private void completed(Message message, Object value, Throwable error) {
        try {
            if (error == null) {
                if (value != null) {
                    reply(message, value);
                }
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            NatsListenerExecutionFailedException failure = new NatsListenerExecutionFailedException(listenerId,
                    "Listener '" + listenerId + "' completed with " + cause, cause);
            if (errorHandler != null) {
                errorHandler.handleError(message, failure, connection);
            }
            else {
                logger.error(failure.getMessage(), failure);
            }
        }
        catch (Throwable ex) {
            logger.error("Listener '" + listenerId + "' could not finish an asynchronous result", ex);
        }
    }

    private void reply(Message request, Object result) {
        String replyTo = request.getReplyTo();
        String target = StringUtils.hasText(replyTo) ? replyTo : sendTo;
        if (target == null) {
            if (logger.isDebugEnabled()) {
                logger.debug("Listener '" + listenerId + "' returned a value but the message has no reply subject"
                        + " and the method no @SendTo: dropped");
            }
            return;
        }
        if (result instanceof Message out) {
            connection.publish(target, out.getHeaders(), data(out));
            return;
        }
        byte[] body = converter.toBytes(result);
        String contentType = converter.contentType(result);
        Headers headers = null;
        if (contentType != null) {
            headers = new Headers();
            headers.put(NatsHeaders.CONTENT_TYPE, contentType);
        }
        connection.publish(target, headers, body);
    }

    private static byte[] data(Message message) {
        byte[] data = message.getData();
        return data != null ? data : EMPTY;
    }
}
