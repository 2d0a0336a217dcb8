package io.natsboot.spring.listener.adapter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.natsboot.spring.annotation.MessagingAnnotationSupport;
import io.natsboot.spring.annotation.MessagingAnnotationSupport.HeaderBinding;
import io.natsboot.spring.annotation.NatsSubject;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.core.NatsHeaders;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsListenerExecutionFailedException;
import io.natsboot.spring.listener.NatsMessageListener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Calls a listener method: works out once how each parameter is filled (our {@code @NatsPayload}/{@code @NatsHeader}
 * or, when spring-messaging is present, its {@code @Payload}/{@code @Header}; see
 * {@link MessagingAnnotationSupport}), then per message converts the payload, invokes, and publishes a non-null
 * result to the reply subject (or the {@code sendTo} fallback).
 * A result of type {@link Message} is sent with its own headers and body. A {@link CompletionStage} result is sent
 * when it completes; if it fails, the failure goes to the error handler as a synchronous one would.
 */
public class NatsListenerMethodAdapter implements NatsMessageListener {

    private static final Log logger = LogFactory.getLog(NatsListenerMethodAdapter.class);

    private static final byte[] EMPTY = new byte[0];

    private final String listenerId;

    private final Object bean;

    private final Method method;

    private final Connection connection;

    private final NatsMessageConverter converter;

    private final String sendTo;

    private final List<Function<Message, Object>> resolvers;

    private final NatsListenerErrorHandler errorHandler;

    public NatsListenerMethodAdapter(String listenerId, Object bean, Method method, Connection connection,
            NatsMessageConverter converter, String sendTo, NatsListenerErrorHandler errorHandler) {
        this.errorHandler = errorHandler;
        this.listenerId = listenerId;
        this.bean = bean;
        this.method = method;
        this.connection = connection;
        this.converter = converter;
        this.sendTo = StringUtils.hasText(sendTo) ? sendTo : null;
        ReflectionUtils.makeAccessible(method);
        this.resolvers = resolvers(method, converter);
    }

    private static List<Function<Message, Object>> resolvers(Method method, NatsMessageConverter converter) {
        Parameter[] parameters = method.getParameters();
        Function<Message, Object>[] result = newArray(parameters.length);
        int payloads = 0;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> type = parameter.getType();
            HeaderBinding header = MessagingAnnotationSupport.header(parameter);
            boolean payload = MessagingAnnotationSupport.isPayload(parameter);
            if (header != null) {
                result[i] = headerResolver(method, header, List.class.isAssignableFrom(type));
            }
            else if (parameter.isAnnotationPresent(NatsSubject.class)) {
                result[i] = Message::getSubject;
            }
            else if (!payload && type == Message.class) {
                result[i] = message -> message;
            }
            else if (!payload && type == Headers.class) {
                result[i] = message -> message.getHeaders() != null ? message.getHeaders() : new Headers();
            }
            else {
                if (++payloads > 1) {
                    throw new IllegalStateException("More than one payload parameter on " + method
                            + ": annotate the others with @NatsHeader (or @Header) or @NatsSubject");
                }
                Type target = parameter.getParameterizedType();
                result[i] = message -> converter.fromBytes(data(message), target);
            }
        }
        return List.of(result);
    }

    @SuppressWarnings("unchecked")
    private static Function<Message, Object>[] newArray(int length) {
        return new Function[length];
    }

    private static Function<Message, Object> headerResolver(Method method, HeaderBinding header, boolean all) {
        String name = header.name();
        return message -> {
            Headers headers = message.getHeaders();
            List<String> values = headers != null ? headers.get(name) : null;
            if (values == null || values.isEmpty()) {
                if (header.defaultValue() != null) {
                    return all ? List.of(header.defaultValue()) : header.defaultValue();
                }
                if (header.required()) {
                    throw new IllegalArgumentException("Missing header '" + name + "' for " + method.getName());
                }
                return null;
            }
            return all ? values : values.get(0);
        };
    }

    private static byte[] data(Message message) {
        byte[] data = message.getData();
        return data != null ? data : EMPTY;
    }

    public Method getMethod() {
        return method;
    }

    @Override
    public void onMessage(Message message) {
        Object[] args = new Object[resolvers.size()];
        try {
            for (int i = 0; i < args.length; i++) {
                args[i] = resolvers.get(i).apply(message);
            }
        }
        catch (RuntimeException ex) {
            throw new NatsListenerExecutionFailedException(listenerId, "Listener '" + listenerId
                    + "' could not resolve the arguments of " + method.getName() + ": " + ex.getMessage(), ex);
        }
        Object result;
        try {
            result = method.invoke(bean, args);
        }
        catch (InvocationTargetException ex) {
            throw new NatsListenerExecutionFailedException(listenerId,
                    "Listener method " + method.getName() + " threw " + ex.getCause(), ex.getCause());
        }
        catch (IllegalAccessException ex) {
            throw new NatsListenerExecutionFailedException(listenerId, "Cannot call " + method, ex);
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> completed(message, value, error));
        }
        else if (result != null) {
            reply(message, result);
        }
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
                    "Listener method " + method.getName() + " completed with " + cause, cause);
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
}
