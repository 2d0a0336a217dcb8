package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.nats.client.Connection;
import io.natsboot.spring.annotation.EnableNats;
import io.natsboot.spring.annotation.NatsListener;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.config.NatsListenerConfigUtils;
import io.natsboot.spring.config.NatsListenerEndpointRegistry;
import io.natsboot.spring.converter.DefaultNatsMessageConverter;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.listener.NatsListenerErrorHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NatsSpringAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsSpringAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    record Order(String id, int quantity) {
    }

    @Test
    void beansPresent() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(NatsMessageConverter.class)
                .hasSingleBean(NatsTemplate.class)
                .hasBean(NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
                .hasBean(NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
                .hasBean(NatsListenerConfigUtils.NATS_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME);
            NatsTemplate template = context.getBean(NatsTemplate.class);
            assertThat(template.getConnection()).isSameAs(context.getBean(Connection.class));
            assertThat(template.getMessageConverter()).isSameAs(context.getBean(NatsMessageConverter.class));
            DefaultNatsListenerContainerFactory factory = context.getBean(
                    NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME,
                    DefaultNatsListenerContainerFactory.class);
            assertThat(factory.getConnection()).isSameAs(context.getBean(Connection.class));
            assertThat(factory.getMessageConverter()).isSameAs(context.getBean(NatsMessageConverter.class));
        });
    }

    @Test
    void converterUsesJsonMapperBeanAndFactoryTheErrorHandlerBean() {
        JsonMapper mapper = JsonMapper.builder().build();
        NatsListenerErrorHandler errorHandler = (message, error, connection) -> {
        };
        this.contextRunner.withBean(JsonMapper.class, () -> mapper)
            .withBean(NatsListenerErrorHandler.class, () -> errorHandler)
            .run((context) -> {
                assertThat(context.getBean(DefaultNatsMessageConverter.class).getJsonMapper()).isSameAs(mapper);
                assertThat(context.getBean(DefaultNatsListenerContainerFactory.class).getErrorHandler())
                    .isSameAs(errorHandler);
            });
    }

    @Test
    void userBeansWin() {
        this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context.getBean(NatsMessageConverter.class)).isSameAs(UserBeans.CONVERTER);
            assertThat(context).hasSingleBean(NatsTemplate.class);
            assertThat(context.getBean(NatsTemplate.class).getDefaultTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(context.getBean(NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME))
                .isSameAs(UserBeans.FACTORY);
        });
    }

    @Test
    void userEnableNatsIsKept() {
        this.contextRunner.withUserConfiguration(UserEnableNats.class, Listeners.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(NatsListenerEndpointRegistry.class)
                .hasBean(NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
            assertThat(context.getBean(NatsListenerEndpointRegistry.class).getListenerContainers()).hasSize(2);
        });
    }

    @Test
    void noConnectionBeanBacksOff() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NatsSpringAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(NatsTemplate.class)
                .doesNotHaveBean(NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME));
    }

    @Test
    void missingNatsSpringBacksOff() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(NatsTemplate.class))
            .run((context) -> assertThat(context).hasSingleBean(Connection.class)
                .doesNotHaveBean(NatsMessageConverter.class)
                .doesNotHaveBean(NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
                .doesNotHaveBean(NatsListenerConfigUtils.NATS_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME));
    }

    @Test
    void listenerReceivesWhatTheTemplatePublishesAndReplies() {
        this.contextRunner.withUserConfiguration(Listeners.class).run((context) -> {
            NatsTemplate template = context.getBean(NatsTemplate.class);
            Listeners listeners = context.getBean(Listeners.class);
            template.publish("it.orders", new Order("o-1", 3));
            await().atMost(Duration.ofSeconds(5)).until(() -> !listeners.orders.isEmpty());
            assertThat(listeners.orders).containsExactly(new Order("o-1", 3));
            Integer price = template.request("it.quote", "apple", Integer.class, Duration.ofSeconds(5));
            assertThat(price).isEqualTo(5);
        });
    }

    @Test
    void listedInImports() {
        assertThat(ImportCandidates.load(org.springframework.boot.autoconfigure.AutoConfiguration.class,
                getClass().getClassLoader())
            .getCandidates()).contains(NatsSpringAutoConfiguration.class.getName());
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final List<Order> orders = new CopyOnWriteArrayList<>();

        @NatsListener(subject = "it.orders", queue = "billing")
        void onOrder(Order order) {
            this.orders.add(order);
        }

        @NatsListener(subject = "it.quote")
        int quote(String item) {
            return item.length();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final NatsMessageConverter CONVERTER = new DefaultNatsMessageConverter();

        static final DefaultNatsListenerContainerFactory FACTORY = new DefaultNatsListenerContainerFactory();

        @Bean
        NatsMessageConverter myConverter() {
            return CONVERTER;
        }

        @Bean
        NatsTemplate myTemplate(Connection connection) {
            NatsTemplate template = new NatsTemplate(connection);
            template.setDefaultTimeout(Duration.ofSeconds(7));
            return template;
        }

        @Bean(NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
        DefaultNatsListenerContainerFactory myFactory(Connection connection) {
            FACTORY.setConnection(connection);
            return FACTORY;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    static class UserEnableNats {

    }

}
