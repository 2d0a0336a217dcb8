package io.natsboot.spring.config;

import java.lang.reflect.Method;

import io.nats.client.Connection;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import io.natsboot.spring.listener.NatsMessageListener;
import io.natsboot.spring.listener.adapter.NatsListenerMethodAdapter;

/** An endpoint whose listener is a method on a bean. */
public class MethodNatsListenerEndpoint extends AbstractNatsListenerEndpoint {

    private Object bean;

    private Method method;

    private String sendTo;

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

    @Override
    public NatsMessageListener createMessageListener(Connection connection, NatsMessageConverter converter,
            NatsListenerErrorHandler errorHandler) {
        return new NatsListenerMethodAdapter(getId(), bean, method, connection, converter, sendTo, errorHandler);
    }
}
