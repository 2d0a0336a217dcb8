package io.natsboot.spring.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Collects endpoints with the factory each should use, and hands them to the registry once every singleton exists
 * (so factories are looked up by name only then). An endpoint registered after that goes to the registry, and
 * starts, at once.
 */
public class NatsListenerEndpointRegistrar implements BeanFactoryAware, InitializingBean {

    private final List<Descriptor> endpoints = new ArrayList<>();

    private NatsListenerEndpointRegistry endpointRegistry;

    private NatsListenerContainerFactory<?> containerFactory;

    private String containerFactoryBeanName = NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME;

    private BeanFactory beanFactory;

    private boolean registered;

    private MessageHandlerMethodFactory messageHandlerMethodFactory;

    public void setEndpointRegistry(NatsListenerEndpointRegistry endpointRegistry) {
        this.endpointRegistry = endpointRegistry;
    }

    public NatsListenerEndpointRegistry getEndpointRegistry() {
        return endpointRegistry;
    }

    /** The factory for endpoints that name none; wins over {@link #setContainerFactoryBeanName(String)}. */
    public void setContainerFactory(NatsListenerContainerFactory<?> containerFactory) {
        this.containerFactory = containerFactory;
    }

    /** The bean name of the factory for endpoints that name none. */
    public void setContainerFactoryBeanName(String containerFactoryBeanName) {
        this.containerFactoryBeanName = containerFactoryBeanName;
    }

    /**
     * The factory that builds the invocable methods of {@code @NatsListener} methods, for a validator or argument
     * resolvers of your own (start from a {@code NatsMessageHandlerMethodFactory} to keep the NATS resolvers);
     * {@code null}, the default, for a {@code NatsMessageHandlerMethodFactory} set up with the bean factory.
     */
    public void setMessageHandlerMethodFactory(MessageHandlerMethodFactory messageHandlerMethodFactory) {
        this.messageHandlerMethodFactory = messageHandlerMethodFactory;
    }

    public MessageHandlerMethodFactory getMessageHandlerMethodFactory() {
        return messageHandlerMethodFactory;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** Registers an endpoint with the default factory. */
    public void registerEndpoint(NatsListenerEndpoint endpoint) {
        registerEndpoint(endpoint, null, null);
    }

    public void registerEndpoint(NatsListenerEndpoint endpoint, NatsListenerContainerFactory<?> factory) {
        registerEndpoint(endpoint, factory, null);
    }

    /** Registers an endpoint with the factory of that bean name ({@code null} or empty for the default). */
    public void registerEndpoint(NatsListenerEndpoint endpoint, String factoryBeanName) {
        registerEndpoint(endpoint, null, factoryBeanName);
    }

    private void registerEndpoint(NatsListenerEndpoint endpoint, NatsListenerContainerFactory<?> factory,
            String factoryBeanName) {
        Assert.notNull(endpoint, "endpoint must not be null");
        Assert.hasText(endpoint.getId(), "endpoint id must not be empty");
        Descriptor descriptor = new Descriptor(endpoint, factory, factoryBeanName);
        synchronized (endpoints) {
            if (registered) {
                Assert.state(endpointRegistry != null, "No NatsListenerEndpointRegistry set");
                endpointRegistry.registerListenerContainer(endpoint, factoryFor(descriptor), true);
            }
            else {
                endpoints.add(descriptor);
            }
        }
    }

    @Override
    public void afterPropertiesSet() {
        synchronized (endpoints) {
            if (!endpoints.isEmpty()) {
                Assert.state(endpointRegistry != null, "No NatsListenerEndpointRegistry set");
            }
            for (Descriptor descriptor : endpoints) {
                endpointRegistry.registerListenerContainer(descriptor.endpoint(), factoryFor(descriptor), false);
            }
            endpoints.clear();
            registered = true;
        }
    }

    private NatsListenerContainerFactory<?> factoryFor(Descriptor descriptor) {
        if (descriptor.factory() != null) {
            return descriptor.factory();
        }
        if (StringUtils.hasText(descriptor.factoryBeanName())) {
            return lookup(descriptor.factoryBeanName(), descriptor.endpoint());
        }
        if (containerFactory != null) {
            return containerFactory;
        }
        return lookup(containerFactoryBeanName, descriptor.endpoint());
    }

    private NatsListenerContainerFactory<?> lookup(String name, NatsListenerEndpoint endpoint) {
        Assert.state(beanFactory != null, () -> "No BeanFactory to look up container factory '" + name + "' for "
                + endpoint);
        if (!beanFactory.containsBean(name)) {
            throw new IllegalStateException("No NatsListenerContainerFactory bean named '" + name + "' for listener '"
                    + endpoint.getId() + "': define one, or name another with @NatsListener(containerFactory=...)");
        }
        return beanFactory.getBean(name, NatsListenerContainerFactory.class);
    }

    private record Descriptor(NatsListenerEndpoint endpoint, NatsListenerContainerFactory<?> factory,
            String factoryBeanName) {
    }
}
