package io.natsboot.spring.config;

import java.lang.reflect.Method;

import io.nats.client.Connection;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsMessageListener;
import io.natsboot.spring.listener.adapter.NatsListenerMethodAdapter;
import io.natsboot.spring.messaging.NatsListenerPayloads;
import io.natsboot.spring.messaging.NatsMessageHandlerMethodFactory;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;

/**
 * An endpoint whose listener is a method on a bean, invoked through the {@link MessageHandlerMethodFactory} given
 * (by default a {@link NatsMessageHandlerMethodFactory}).
 */
public class MethodNatsListenerEndpoint extends AbstractNatsListenerEndpoint {

    private Object bean;

    private Method method;

    private String sendTo;

    private MessageHandlerMethodFactory messageHandlerMethodFactory;

    public Object getBean() {
        return bean;
    }

    public void setBean(Object bean) {
        this.bean = bean;
    }

    public Method getMethod() {
        return method;
    }

    public void setMethod(Method method) {
        this.method = method;
    }

    public String getSendTo() {
        return sendTo;
    }

    /** Where a result goes when the message has no reply subject; {@code null} to drop it. */
    public void setSendTo(String sendTo) {
        this.sendTo = sendTo;
    }

    /** Builds the invocable method; {@code null} for a {@link NatsMessageHandlerMethodFactory} of its own. */
    public void setMessageHandlerMethodFactory(MessageHandlerMethodFactory messageHandlerMethodFactory) {
        this.messageHandlerMethodFactory = messageHandlerMethodFactory;
    }

    @Override
    public NatsMessageListener createMessageListener(Connection connection, NatsMessageConverter converter,
            NatsListenerErrorHandler errorHandler) {
        Assert.state(bean != null && method != null, () -> "No bean and method on endpoint " + this);
        MessageHandlerMethodFactory factory = messageHandlerMethodFactory;
        if (factory == null) {
            NatsMessageHandlerMethodFactory own = new NatsMessageHandlerMethodFactory();
            own.afterPropertiesSet();
            factory = own;
        }
        MethodParameter payload = factory instanceof NatsMessageHandlerMethodFactory nats ? nats.payloadParameter(method)
                : NatsListenerPayloads.payloadParameter(method);
        return new NatsListenerMethodAdapter(getId(), factory.createInvocableHandlerMethod(bean, method), payload,
                connection, converter, sendTo, errorHandler);
    }
}
