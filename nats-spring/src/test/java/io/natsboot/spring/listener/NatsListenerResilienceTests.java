package io.natsboot.spring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.test.LogRecorder;
import io.natsboot.spring.annotation.EnableNats;
import io.natsboot.spring.annotation.NatsListener;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.config.NatsListenerConfigurer;
import io.natsboot.spring.config.NatsListenerEndpointRegistry;
import io.natsboot.spring.converter.NatsMessageConversionException;
import io.natsboot.spring.core.NatsHeaders;
import io.natsboot.spring.core.NatsServiceErrorException;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.messaging.NatsMessageHandlerMethodFactory;
import io.natsboot.spring.messaging.NatsMessageHeaders;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Retry, dead letters, pause/resume, listener names in the logs and a user's MessageHandlerMethodFactory. */
class NatsListenerResilienceTests {

    record Order(String id, int quantity) {
    }

    /** Resolved by the test's own argument resolver, from the {@code X-Tenant} header. */
    record Tenant(String name) {
    }

    static NatsServer server;

    static Connection connection;

    static LogRecorder logs;

    static AnnotationConfigApplicationContext context;

    static NatsTemplate template;

    static Listeners listeners;

    static NatsListenerEndpointRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        server.start();
        connection = Nats.connect(server.clientUrl());
        logs = new LogRecorder("io.natsboot.spring", Level.INFO);
        context = new AnnotationConfigApplicationContext(Config.class);
        template = context.getBean(NatsTemplate.class);
        listeners = context.getBean(Listeners.class);
        registry = context.getBean(NatsListenerEndpointRegistry.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        logs.close();
        connection.close();
        server.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    static class Config {

        @Bean
        DefaultNatsListenerContainerFactory natsListenerContainerFactory() {
            return new DefaultNatsListenerContainerFactory(connection);
        }

        @Bean
        NatsTemplate natsTemplate() {
            return new NatsTemplate(connection);
        }

        @Bean
        NatsListenerRetry threeQuickAttempts() {
            return NatsListenerRetry.backOff(new FixedBackOff(20, 2)).withDeadLetter();
        }

        @Bean
        Listeners listeners() {
            return new Listeners();
        }

        @Bean
        NatsListenerConfigurer ownHandlerMethodFactory() {
            return registrar -> {
                NatsMessageHandlerMethodFactory factory = new NatsMessageHandlerMethodFactory();
                factory.setCustomArgumentResolvers(List.of(new TenantResolver()));
                registrar.setMessageHandlerMethodFactory(factory);
            };
        }
    }

    static class TenantResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Tenant.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, org.springframework.messaging.Message<?> message) {
            Headers headers = NatsMessageHeaders.rawMessage(message).getHeaders();
            return new Tenant(headers != null ? headers.getFirst("X-Tenant") : "none");
        }
    }

    static class Listeners {

        final AtomicInteger flakyCalls = new AtomicInteger();

        final BlockingQueue<String> flakyDone = new LinkedBlockingQueue<>();

        final AtomicInteger doomedCalls = new AtomicInteger();

        final AtomicInteger badJsonCalls = new AtomicInteger();

        final BlockingQueue<String> pausable = new LinkedBlockingQueue<>();

        @NatsListener(subject = "rs.flaky", id = "flaky", retry = "threeQuickAttempts")
        void flaky(String text) {
            if (flakyCalls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            flakyDone.add(text);
        }

        @NatsListener(subject = "rs.doomed", retry = "threeQuickAttempts")
        void doomed(String text) {
            doomedCalls.incrementAndGet();
            throw new IllegalStateException("cannot do " + text);
        }

        @NatsListener(subject = "rs.custom", id = "custom", deadLetterSubject = "rs.failures")
        void custom(String text) {
            throw new IllegalArgumentException("bad " + text);
        }

        @NatsListener(subject = "rs.json", id = "json", retry = "threeQuickAttempts")
        void json(Order order) {
            badJsonCalls.incrementAndGet();
        }

        @NatsListener(subject = "rs.pausable", id = "pausable", queue = "pausers")
        void pausable(String text) {
            pausable.add(text);
        }

        @NatsListener(subject = "rs.spring", id = "spring")
        String spring(org.springframework.messaging.Message<String> message,
                @Header(NatsMessageHeaders.SUBJECT) String subject, @org.springframework.messaging.handler.annotation.Headers Map<String, Object> headers) {
            return message.getPayload() + "|" + subject + "|" + headers.get("X-A");
        }

        @NatsListener(subject = "rs.tenant", id = "tenant")
        String tenant(Tenant tenant, String body) {
            return tenant.name() + ":" + body;
        }
    }

    private static Message nextOn(String subject, Runnable action) throws Exception {
        return nextOn(subject, Duration.ofSeconds(10), action);
    }

    /** The first message on the subject within {@code wait} after the action, or {@code null}. */
    private static Message nextOn(String subject, Duration wait, Runnable action) throws Exception {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Dispatcher dispatcher = connection.createDispatcher(received::add);
        dispatcher.subscribe(subject);
        connection.flush(Duration.ofSeconds(5));
        try {
            action.run();
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        finally {
            connection.closeDispatcher(dispatcher);
        }
    }

    @Test
    void aFailingListenerIsRetriedAfterTheBackOffAndThenSucceeds() throws Exception {
        // once it succeeded, a dead letter (sent before any success) would be there already
        assertThat(nextOn("rs.flaky.DLT", Duration.ofMillis(200), () -> {
            template.publish("rs.flaky", "once");
            await().atMost(Duration.ofSeconds(5)).until(() -> "once".equals(listeners.flakyDone.peek()));
        })).isNull();
        assertThat(listeners.flakyCalls).hasValue(3);
    }

    @Test
    void afterTheLastAttemptTheMessageGoesToItsDeadLetterSubjectWithTheErrorInHeaders() throws Exception {
        int before = listeners.doomedCalls.get();
        Message dead = nextOn("rs.doomed.DLT",
                () -> template.publish("rs.doomed", new Headers().put("X-Mine", "kept"), "payload"));
        assertThat(dead).isNotNull();
        assertThat(new String(dead.getData(), StandardCharsets.UTF_8)).isEqualTo("payload");
        Headers headers = dead.getHeaders();
        assertThat(headers.getFirst("X-Mine")).isEqualTo("kept");
        assertThat(headers.getFirst(NatsHeaders.DLT_EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
        assertThat(headers.getFirst(NatsHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("cannot do payload");
        assertThat(headers.getFirst(NatsHeaders.DLT_ORIGINAL_SUBJECT)).isEqualTo("rs.doomed");
        assertThat(headers.getFirst(NatsHeaders.DLT_ATTEMPTS)).isEqualTo("3");
        assertThat(headers.getFirst(NatsHeaders.DLT_LISTENER)).isEqualTo("listeners#doomed");
        assertThat(listeners.doomedCalls.get() - before).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.lines().contains("WARNING Listener"
                + " 'listeners#doomed' failed on a message on 'rs.doomed' after 3 attempts; forwarded to"
                + " 'rs.doomed.DLT'"));
    }

    @Test
    void aRequestThatStillFailsGetsTheErrorReplyAndIsNotDeadLettered() throws Exception {
        int before = listeners.doomedCalls.get();
        Message dead = nextOn("rs.doomed.DLT", Duration.ofMillis(200), () -> assertThatThrownBy(
                () -> template.request("rs.doomed", "asked", String.class, Duration.ofSeconds(5)))
            .isInstanceOf(NatsServiceErrorException.class)
            .hasMessageContaining("cannot do asked"));
        assertThat(dead).isNull();
        assertThat(listeners.doomedCalls.get() - before).isEqualTo(3);
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("SEVERE Listener 'listeners#doomed' failed on a"
                + " message on 'rs.doomed'"));
    }

    @Test
    void aNamedDeadLetterSubjectWithoutRetries() throws Exception {
        Message dead = nextOn("rs.failures", () -> template.publish("rs.custom", "x"));
        assertThat(dead.getHeaders().getFirst(NatsHeaders.DLT_ATTEMPTS)).isEqualTo("1");
        assertThat(dead.getHeaders().getFirst(NatsHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("bad x");
        assertThat(dead.getHeaders().getFirst(NatsHeaders.DLT_LISTENER)).isEqualTo("custom");
    }

    @Test
    void aBodyThatCannotBeConvertedIsNotRetried() throws Exception {
        Message dead = nextOn("rs.json.DLT", () -> template.publish("rs.json", "not json"));
        assertThat(dead.getHeaders().getFirst(NatsHeaders.DLT_ATTEMPTS)).isEqualTo("1");
        assertThat(dead.getHeaders().getFirst(NatsHeaders.DLT_EXCEPTION))
            .isEqualTo(NatsMessageConversionException.class.getName());
        assertThat(listeners.badJsonCalls).hasValue(0);
    }

    @Test
    void pausedListenersHoldTheirMessagesUntilResumed() throws Exception {
        registry.pause("pausable");
        try {
            assertThat(registry.isPaused("pausable")).isTrue();
            assertThat(registry.isRunning("pausable")).isTrue();
            for (int i = 0; i < 5; i++) {
                template.publish("rs.pausable", "m" + i);
            }
            connection.flush(Duration.ofSeconds(5));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> listeners.pausable.isEmpty());
        }
        finally {
            registry.resume("pausable");
        }
        assertThat(registry.isPaused("pausable")).isFalse();
        for (int i = 0; i < 5; i++) {
            assertThat(listeners.pausable.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
        }
        assertThat(logs.lines()).contains(
                "INFO NATS listener 'pausable' paused: messages on 'rs.pausable' wait until resumed",
                "INFO NATS listener 'pausable' resumed");
    }

    @Test
    void eachListenerIsLoggedOnceWhenSubscribedUnderItsIdOrBeanAndMethod() {
        List<String> lines = logs.lines();
        assertThat(lines).contains(
                "INFO NATS listener 'pausable' subscribed to 'rs.pausable' in queue group 'pausers' (concurrency 1)");
        assertThat(lines).containsOnlyOnce("INFO NATS listener 'custom' subscribed to 'rs.custom' (concurrency 1)");
        assertThat(lines).containsOnlyOnce("INFO NATS listener 'listeners#doomed' subscribed to 'rs.doomed'"
                + " (concurrency 1)");
        assertThat(registry.getListenerContainerIds()).contains("listeners#doomed", "flaky");
        assertThat(lines).noneMatch(line -> line.contains("NatsListenerEndpointContainer#"));
    }

    @Test
    void springMessageSpringHeadersAndTheSubjectAsAHeader() {
        assertThat(template.request("rs.spring", new Headers().put("X-A", "1"), "b", String.class,
                Duration.ofSeconds(5))).isEqualTo("b|rs.spring|1");
    }

    @Test
    void theUsersMessageHandlerMethodFactoryResolvesItsOwnArguments() {
        assertThat(template.request("rs.tenant", new Headers().put("X-Tenant", "acme"), "hi", String.class,
                Duration.ofSeconds(5))).isEqualTo("acme:hi");
    }

    @Test
    void stoppingAPausedListenerEndsItAndStartingItAgainKeepsItPaused() throws Exception {
        registry.pause("pausable");
        registry.stop("pausable");
        assertThat(registry.isRunning("pausable")).isFalse();
        registry.start("pausable");
        try {
            template.publish("rs.pausable", "later");
            connection.flush(Duration.ofSeconds(5));
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> listeners.pausable.isEmpty());
        }
        finally {
            registry.resume("pausable");
        }
        assertThat(listeners.pausable.poll(5, TimeUnit.SECONDS)).isEqualTo("later");
        assertThat(Map.of("paused", registry.isPaused("pausable"))).containsEntry("paused", false);
    }
}
