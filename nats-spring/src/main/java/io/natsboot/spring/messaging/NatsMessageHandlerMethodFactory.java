package io.natsboot.spring.messaging;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.natsboot.spring.converter.DefaultNatsMessageConverter;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.HeadersMethodArgumentResolver;
import org.springframework.messaging.handler.annotation.support.MessageMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.validation.Validator;

/**
 * The {@link DefaultMessageHandlerMethodFactory} of {@code @NatsListener} methods, with the NATS argument resolvers in
 * front of Spring's: {@code @NatsSubject}, {@code @Header}/{@code @NatsHeader} from the NATS headers, the jnats
 * {@code Message} and {@code Headers}, then Spring's {@code @Headers} map and {@code Message<?>}, the custom
 * resolvers, and the payload last. A user-supplied factory (through
 * {@code NatsListenerEndpointRegistrar#setMessageHandlerMethodFactory}) is usually one of these with a validator or
 * extra resolvers.
 */
public class NatsMessageHandlerMethodFactory extends DefaultMessageHandlerMethodFactory {

    private ConversionService conversionService = new DefaultFormattingConversionService();

    private MessageConverter messageConverter = new NatsMessageConverterAdapter(new DefaultNatsMessageConverter());

    private Validator validator;

    private List<HandlerMethodArgumentResolver> customResolvers = List.of();

    private ConfigurableBeanFactory beanFactory;

    private volatile List<HandlerMethodArgumentResolver> resolvers;

    @Override
    public void setConversionService(ConversionService conversionService) {
        super.setConversionService(conversionService);
        this.conversionService = conversionService;
    }

    /**
     * Converts payloads the listener's own {@code NatsMessageConverter} did not (a {@code Message<T>} parameter on a
     * method without a payload parameter, or a user-supplied payload resolver).
     */
    @Override
    public void setMessageConverter(MessageConverter messageConverter) {
        super.setMessageConverter(messageConverter);
        this.messageConverter = messageConverter;
    }

    @Override
    public void setValidator(Validator validator) {
        super.setValidator(validator);
        this.validator = validator;
    }

    @Override
    public void setCustomArgumentResolvers(List<HandlerMethodArgumentResolver> customArgumentResolvers) {
        super.setCustomArgumentResolvers(customArgumentResolvers);
        this.customResolvers = List.copyOf(customArgumentResolvers);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            this.beanFactory = configurable;
        }
    }

    @Override
    protected List<HandlerMethodArgumentResolver> initArgumentResolvers() {
        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
        resolvers.add(new NatsSubjectArgumentResolver());
        resolvers.add(new NatsHeaderArgumentResolver(conversionService, beanFactory));
        resolvers.add(new NatsMessageArgumentResolver());
        resolvers.add(new HeadersMethodArgumentResolver());
        resolvers.add(new MessageMethodArgumentResolver(messageConverter));
        resolvers.addAll(customResolvers);
        resolvers.add(new NatsPayloadArgumentResolver(messageConverter, validator));
        this.resolvers = List.copyOf(resolvers);
        return resolvers;
    }

    /** Whether {@link #afterPropertiesSet()} ran (the annotation post-processor runs it on a factory it is given). */
    public boolean isInitialized() {
        return resolvers != null;
    }

    /**
     * The parameter of the method that this factory resolves as the payload, or {@code null}; a parameter a custom
     * resolver takes is not the payload.
     * @throws IllegalStateException when more than one parameter would be
     */
    public MethodParameter payloadParameter(Method method) {
        List<HandlerMethodArgumentResolver> all = resolvers;
        if (all == null) {
            return NatsListenerPayloads.payloadParameter(method);
        }
        MethodParameter found = null;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            HandlerMethodArgumentResolver resolver = all.stream()
                .filter(candidate -> candidate.supportsParameter(parameter))
                .findFirst()
                .orElse(null);
            if (resolver instanceof NatsPayloadArgumentResolver) {
                if (found != null) {
                    throw NatsListenerPayloads.moreThanOne(method);
                }
                found = parameter;
            }
        }
        return found;
    }
}
