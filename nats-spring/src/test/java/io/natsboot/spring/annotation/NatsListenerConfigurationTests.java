package io.natsboot.spring.annotation;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.config.NatsListenerEndpointRegistry;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.listener.NatsListenerContainer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsListenerConfigurationTests {

    static NatsServer server;

    static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        server.start();
        connection = Nats.connect(server.clientUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    static class Base {

        @Bean
        DefaultNatsListenerContainerFactory natsListenerContainerFactory() {
            return new DefaultNatsListenerContainerFactory(connection);
        }
    }

    static class ConcurrencyWithoutQueue {

        @NatsListener(subject = "cfg.a", concurrency = "2")
        void on(String text) {
        }
    }

    static class DuplicateIds {

        @NatsListener(subject = "cfg.a", id = "same")
        void one(String text) {
        }

        @NatsListener(subject = "cfg.b", id = "same")
        void two(String text) {
        }
    }

    static class TwoPayloads {

        @NatsListener(subject = "cfg.a")
        void on(String one, String two) {
        }
    }

    static class NamedFactory {

        final AtomicInteger calls = new AtomicInteger();

        @NatsListener(subject = "cfg.named", id = "named", containerFactory = "otherFactory")
        String on(String text) {
            calls.incrementAndGet();
            throw new IllegalArgumentException("always " + text);
        }
    }

    private static AnnotationConfigApplicationContext context(Class<?>... classes) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(classes);
        context.refresh();
        return context;
    }

    @Test
    void concurrencyAboveOneNeedsAQueueGroup() {
        assertThatThrownBy(() -> context(Base.class, ConcurrencyWithoutQueue.class))
                .hasStackTraceContaining("needs a queue group");
    }

    @Test
    void listenerIdsAreUnique() {
        assertThatThrownBy(() -> context(Base.class, DuplicateIds.class))
                .hasStackTraceContaining("'same'");
    }

    @Test
    void onePayloadParameterAtMost() {
        assertThatThrownBy(() -> context(Base.class, TwoPayloads.class))
                .hasStackTraceContaining("More than one payload parameter");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    static class NoFactory {
    }

    @Test
    void aMissingDefaultFactoryIsNamedInTheFailure() {
        assertThatThrownBy(() -> context(NoFactory.class, DuplicateIds.class))
                .hasStackTraceContaining("natsListenerContainerFactory");
    }

    @Configuration(proxyBeanMethods = false)
    static class OtherFactory {

        static final BlockingQueue<String> handled = new LinkedBlockingQueue<>();

        @Bean
        DefaultNatsListenerContainerFactory otherFactory() {
            DefaultNatsListenerContainerFactory factory = new DefaultNatsListenerContainerFactory(connection);
            factory.setErrorHandler((message, error, conn) -> {
                handled.add(error.getListenerId() + ":" + error.getCause().getMessage());
                throw new IllegalStateException("the error handler fails too");
            });
            return factory;
        }
    }

    @Test
    void namedFactoryWithItsOwnErrorHandlerThatFailsToo() throws Exception {
        try (AnnotationConfigApplicationContext context = context(Base.class, OtherFactory.class,
                NamedFactory.class)) {
            NatsTemplate template = new NatsTemplate(connection);
            template.publish("cfg.named", "x");
            template.publish("cfg.named", "y");
            assertThat(OtherFactory.handled.poll(5, TimeUnit.SECONDS)).isEqualTo("named:always x");
            assertThat(OtherFactory.handled.poll(5, TimeUnit.SECONDS)).isEqualTo("named:always y");
            assertThat(context.getBean(NamedFactory.class).calls).hasValue(2);
            // This handler does not reply, so a request times out instead of failing fast.
            assertThatThrownBy(() -> template.request("cfg.named", "z", String.class, Duration.ofMillis(300)))
                    .isInstanceOf(io.natsboot.spring.core.NatsRequestException.class);
        }
    }

    @Test
    void closingTheContextStopsTheContainers() {
        AnnotationConfigApplicationContext context = context(Base.class, OtherFactory.class, NamedFactory.class);
        NatsListenerContainer container = context.getBean(NatsListenerEndpointRegistry.class)
                .getListenerContainer("named");
        assertThat(container.isRunning()).isTrue();
        context.close();
        assertThat(container.isRunning()).isFalse();
    }
}
