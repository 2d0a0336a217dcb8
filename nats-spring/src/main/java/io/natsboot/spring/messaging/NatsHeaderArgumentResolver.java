package io.natsboot.spring.messaging;

import java.util.Collection;
import java.util.List;

import io.nats.client.impl.Headers;
import io.natsboot.spring.annotation.NatsHeader;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.support.AbstractNamedValueMethodArgumentResolver;

/**
 * Resolves a parameter annotated with spring-messaging's {@link Header @Header} or our {@link NatsHeader @NatsHeader}
 * (an alias of it) from the NATS headers: all values for a collection parameter, else the first value converted to
 * the parameter type. A name that is no NATS header is looked up in the Spring message's headers, so
 * {@code @Header(NatsMessageHeaders.SUBJECT)} works too. Required headers, default values (with placeholders) and
 * conversion follow Spring's {@link AbstractNamedValueMethodArgumentResolver}.
 */
public class NatsHeaderArgumentResolver extends AbstractNamedValueMethodArgumentResolver {

    public NatsHeaderArgumentResolver(ConversionService conversionService, ConfigurableBeanFactory beanFactory) {
        super(conversionService, beanFactory);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(Header.class) || parameter.hasParameterAnnotation(NatsHeader.class);
    }

    @Override
    protected NamedValueInfo createNamedValueInfo(MethodParameter parameter) {
        NatsHeader nats = parameter.getParameterAnnotation(NatsHeader.class);
        if (nats != null) {
            return new HeaderInfo(nats.value(), nats.required(), nats.defaultValue());
        }
        Header header = parameter.getParameterAnnotation(Header.class);
        String name = !header.name().isEmpty() ? header.name() : header.value();
        return new HeaderInfo(name, header.required(), header.defaultValue());
    }

    @Override
    protected Object resolveArgumentInternal(MethodParameter parameter, Message<?> message, String name) {
        io.nats.client.Message raw = NatsMessageHeaders.rawMessage(message);
        Headers headers = raw != null ? raw.getHeaders() : null;
        List<String> values = headers != null ? headers.get(name) : null;
        if (values != null && !values.isEmpty()) {
            return Collection.class.isAssignableFrom(parameter.getParameterType()) ? values : values.get(0);
        }
        return message.getHeaders().get(name);
    }

    @Override
    protected void handleMissingValue(String name, MethodParameter parameter, Message<?> message) {
        throw new MessageHandlingException(message, "Missing header '" + name + "' for method parameter type ["
                + parameter.getParameterType() + "]");
    }

    private static final class HeaderInfo extends NamedValueInfo {

        HeaderInfo(String name, boolean required, String defaultValue) {
            super(name, required, defaultValue);
        }
    }
}
