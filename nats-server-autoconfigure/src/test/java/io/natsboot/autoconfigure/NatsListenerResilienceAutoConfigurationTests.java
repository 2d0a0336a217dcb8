package io.natsboot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.natsboot.spring.annotation.NatsListener;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.config.NatsListenerConfigUtils;
import io.natsboot.spring.core.NatsHeaders;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.listener.NatsListenerRetry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener container factory's executor chosen through Boot's threading condition, and retry/dead-letter from
 * {@code nats.listener.*}. Virtual threads need Java 21+: on an older JVM the same test checks that the condition
 * keeps platform threads; run it on JDK 21+ (JAVA_HOME=...) to see the virtual side.
 */
class NatsListenerResilienceAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NatsServerAutoConfiguration.class, NatsClientAutoConfiguration.class,
                NatsSpringAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1")
        .withUserConfiguration(Listeners.class);

    private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

    @Test
    void listenersRunOnPlatformThreadsByDefault() {
        this.contextRunner.run((context) -> {
            assertThat(context.getBean(NatsListenerContainerFactoryConfigurer.class).getTaskExecutor()).isNull();
            Thread thread = listenerThread(context.getBean(NatsTemplate.class));
            assertThat(isVirtual(thread)).isFalse();
            assertThat(thread.getName()).endsWith("Listeners#where-1");
        });
    }

    @Test
    void listenersRunOnVirtualThreadsWhenEnabledOnJava21() {
        this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
            DefaultNatsListenerContainerFactory factory = context.getBean(
                    NatsListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME,
                    DefaultNatsListenerContainerFactory.class);
            Thread thread = listenerThread(context.getBean(NatsTemplate.class));
            if (JAVA_21) {
                assertThat(factory.getTaskExecutor()).isInstanceOfSatisfying(SimpleAsyncTaskExecutor.class,
                        (executor) -> assertThat(executor.getThreadNamePrefix()).isEqualTo("nats-listener-"));
                assertThat(isVirtual(thread)).isTrue();
                assertThat(thread.getName()).startsWith("nats-listener-");
            }
            else {
                assertThat(factory.getTaskExecutor()).isNull();
                assertThat(isVirtual(thread)).isFalse();
            }
        });
    }

    @Test
    void retryAndDeadLetterFromProperties() {
        this.contextRunner
            .withPropertyValues("nats.listener.retry.enabled=true", "nats.listener.retry.max-attempts=2",
                    "nats.listener.retry.initial-interval=10ms", "nats.listener.dead-letter.enabled=true",
                    "nats.listener.dead-letter.suffix=.failed")
            .run((context) -> {
                assertThat(context.getBean(NatsListenerContainerFactoryConfigurer.class).getRetry().isDeadLetter())
                    .isTrue();
                Connection connection = context.getBean(Connection.class);
                BlockingQueue<Message> dead = new LinkedBlockingQueue<>();
                Dispatcher dispatcher = connection.createDispatcher(dead::add);
                dispatcher.subscribe("rs.fail.failed");
                connection.flush(Duration.ofSeconds(5));
                context.getBean(NatsTemplate.class).publish("rs.fail", "x");
                Message message = dead.poll(10, TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                assertThat(message.getHeaders().getFirst(NatsHeaders.DLT_ATTEMPTS)).isEqualTo("2");
                assertThat(message.getHeaders().getFirst(NatsHeaders.DLT_ORIGINAL_SUBJECT)).isEqualTo("rs.fail");
                assertThat(context.getBean(Listeners.class).failures).hasValue(2);
            });
    }

    @Test
    void aNatsListenerRetryBeanWinsOverTheProperties() {
        this.contextRunner.withBean(NatsListenerRetry.class, () -> NatsListenerRetry.NONE)
            .withPropertyValues("nats.listener.retry.enabled=true")
            .run((context) -> assertThat(context.getBean(DefaultNatsListenerContainerFactory.class).getRetry())
                .isSameAs(NatsListenerRetry.NONE));
    }

    private static Thread listenerThread(NatsTemplate template) {
        String name = template.request("rs.where", "?", String.class, Duration.ofSeconds(5));
        return Listeners.threads.get(name);
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        if (!JAVA_21) {
            return false;
        }
        // Thread.isVirtual() is Java 21 API; the build targets 17
        Method isVirtual = Thread.class.getMethod("isVirtual");
        return (boolean) isVirtual.invoke(thread);
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        static final java.util.Map<String, Thread> threads = new java.util.concurrent.ConcurrentHashMap<>();

        final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

        @NatsListener(subject = "rs.where")
        String where(String ignored) {
            Thread current = Thread.currentThread();
            String key = current.getName() + "@" + System.identityHashCode(current);
            threads.put(key, current);
            return key;
        }

        @NatsListener(subject = "rs.fail")
        void fail(String text) {
            this.failures.incrementAndGet();
            throw new IllegalStateException("always");
        }

    }

}
