package io.natsboot.spring.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.natsboot.spring.config.MethodNatsListenerEndpoint;
import io.natsboot.spring.config.NatsListenerConfigUtils;
import io.natsboot.spring.config.NatsListenerConfigurer;
import io.natsboot.spring.config.NatsListenerEndpointRegistrar;
import io.natsboot.spring.config.NatsListenerEndpointRegistry;
import io.natsboot.spring.listener.NatsListenerRetry;
import io.natsboot.spring.messaging.NatsMessageHandlerMethodFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.StringUtils;

/**
 * Finds {@link NatsListener} methods on beans, builds a {@link MethodNatsListenerEndpoint} for each (placeholders
 * and SpEL resolved) and hands it to a {@link NatsListenerEndpointRegistrar}; once every singleton exists it applies
 * the {@link NatsListenerConfigurer} beans and lets the registrar register everything with the
 * {@link NatsListenerEndpointRegistry}. A listener without an {@code id} is named {@code beanName#methodName}. The
 * methods are invoked through the registrar's {@link MessageHandlerMethodFactory} if a configurer set one, else a
 * {@link NatsMessageHandlerMethodFactory}; which one is decided once every singleton exists, after the configurers.
 */
public class NatsListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

    private final NatsListenerEndpointRegistrar registrar = new NatsListenerEndpointRegistrar();

    private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

    private final Set<String> generatedIds = ConcurrentHashMap.newKeySet();

    private final List<MethodNatsListenerEndpoint> endpoints = new ArrayList<>();

    private MessageHandlerMethodFactory handlerMethodFactory;

    private BeanFactory beanFactory;

    private BeanExpressionResolver expressionResolver;

    private BeanExpressionContext expressionContext;

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.registrar.setBeanFactory(beanFactory);
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            this.expressionResolver = configurable.getBeanExpressionResolver();
            this.expressionContext = new BeanExpressionContext(configurable, null);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (classesWithoutListeners.contains(targetClass)) {
            return bean;
        }
        Map<Method, NatsListener> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<NatsListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, NatsListener.class));
        if (methods.isEmpty()) {
            classesWithoutListeners.add(targetClass);
            return bean;
        }
        methods.forEach((method, listener) -> process(listener, method, bean, beanName));
        return bean;
    }

    private void process(NatsListener listener, Method method, Object bean, String beanName) {
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        MethodNatsListenerEndpoint endpoint = new MethodNatsListenerEndpoint();
        endpoint.setBean(bean);
        endpoint.setMethod(invocable);
        synchronized (endpoints) {
            if (handlerMethodFactory != null) {
                endpoint.setMessageHandlerMethodFactory(handlerMethodFactory);
            }
            else {
                endpoints.add(endpoint);
            }
        }
        String id = resolve(listener.id());
        endpoint.setId(StringUtils.hasText(id) ? id : generateId(beanName, method));
        String subject = resolve(listener.subject());
        if (!StringUtils.hasText(subject)) {
            throw new IllegalStateException("@NatsListener on " + method + " (bean '" + beanName
                    + "') resolves to an empty subject");
        }
        endpoint.setSubject(subject);
        String queue = resolve(listener.queue());
        endpoint.setQueue(StringUtils.hasText(queue) ? queue : null);
        endpoint.setConcurrency(toInt(resolve(listener.concurrency()), method));
        String autoStartup = resolve(listener.autoStartup());
        if (StringUtils.hasText(autoStartup)) {
            endpoint.setAutoStartup(Boolean.parseBoolean(autoStartup.trim()));
        }
        String sendTo = SendToAnnotations.sendTo(method);
        if (sendTo != null) {
            endpoint.setSendTo(resolve(sendTo));
        }
        String retry = resolve(listener.retry());
        if (StringUtils.hasText(retry)) {
            endpoint.setRetry(beanFactory.getBean(retry, NatsListenerRetry.class));
        }
        String deadLetterSubject = resolve(listener.deadLetterSubject());
        if (StringUtils.hasText(deadLetterSubject)) {
            endpoint.setDeadLetterSubject(deadLetterSubject);
        }
        registrar.registerEndpoint(endpoint, listener.containerFactory());
    }

    /** {@code beanName#methodName}, with {@code #2}, {@code #3}... when that is taken (overloads). */
    private String generateId(String beanName, Method method) {
        String base = beanName + "#" + method.getName();
        String id = base;
        for (int n = 2; !generatedIds.add(id); n++) {
            id = base + "#" + n;
        }
        return id;
    }

    private static int toInt(String value, Method method) {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("@NatsListener on " + method + ": concurrency '" + value
                    + "' is not a number", ex);
        }
    }

    /** {@code ${...}} through the bean factory's embedded value resolvers, then {@code #{...}} through SpEL. */
    private String resolve(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String resolved = value;
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            resolved = configurable.resolveEmbeddedValue(resolved);
        }
        if (expressionResolver != null && resolved != null) {
            Object evaluated = expressionResolver.evaluate(resolved, expressionContext);
            resolved = evaluated != null ? evaluated.toString() : null;
        }
        return resolved;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (beanFactory instanceof ListableBeanFactory listable) {
            var configurers = new ArrayList<>(
                    listable.getBeansOfType(NatsListenerConfigurer.class).values());
            AnnotationAwareOrderComparator.sort(configurers);
            for (NatsListenerConfigurer configurer : configurers) {
                configurer.configureNatsListeners(registrar);
            }
        }
        synchronized (endpoints) {
            handlerMethodFactory = registrar.getMessageHandlerMethodFactory() != null
                    ? initialized(registrar.getMessageHandlerMethodFactory()) : defaultHandlerMethodFactory();
            endpoints.forEach(endpoint -> endpoint.setMessageHandlerMethodFactory(handlerMethodFactory));
            endpoints.clear();
        }
        if (registrar.getEndpointRegistry() == null) {
            registrar.setEndpointRegistry(beanFactory.getBean(
                    NatsListenerConfigUtils.NATS_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
                    NatsListenerEndpointRegistry.class));
        }
        registrar.afterPropertiesSet();
    }

    private MessageHandlerMethodFactory defaultHandlerMethodFactory() {
        return initialized(new NatsMessageHandlerMethodFactory());
    }

    /** A configurer may hand over a factory it only built: give it the bean factory and initialize it. */
    private MessageHandlerMethodFactory initialized(MessageHandlerMethodFactory factory) {
        if (factory instanceof NatsMessageHandlerMethodFactory nats && !nats.isInitialized()) {
            if (beanFactory != null) {
                nats.setBeanFactory(beanFactory);
            }
            nats.afterPropertiesSet();
        }
        return factory;
    }
}
