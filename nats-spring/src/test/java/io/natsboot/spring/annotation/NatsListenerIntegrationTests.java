package io.natsboot.spring.annotation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.spring.config.DefaultNatsListenerContainerFactory;
import io.natsboot.spring.config.NatsListenerConfigUtils;
import io.natsboot.spring.config.NatsListenerConfigurer;
import io.natsboot.spring.config.NatsListenerEndpointRegistry;
import io.natsboot.spring.config.SimpleNatsListenerEndpoint;
import io.natsboot.spring.core.NatsRequestException;
import io.natsboot.spring.core.NatsServiceErrorException;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.listener.NatsListenerContainer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class NatsListenerIntegrationTests {

    record Order(String id, int quantity) {
    }

    static NatsServer server;

    static AnnotationConfigApplicationContext context;

    static NatsTemplate template;

    static Listeners listeners;

    static NatsListenerEndpointRegistry registry;

    @BeforeAll
    static void start() {
        server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        server.start();
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("nats.url", server.clientUrl(), "app.subject", "it.placeholder", "app.queue", "workers")));
        context.register(Config.class);
        context.refresh();
        template = context.getBean(NatsTemplate.class);
        listeners = context.getBean(Listeners.class);
        registry = context.getBean(NatsListenerConfigUtils.NATS_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
                NatsListenerEndpointRegistry.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        server.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableNats
    static class Config {

        @Bean(destroyMethod = "close")
        Connection natsConnection(org.springframework.core.env.Environment environment) throws Exception {
            return Nats.connect(environment.getRequiredProperty("nats.url"));
        }

        @Bean
        DefaultNatsListenerContainerFactory natsListenerContainerFactory(Connection connection) {
            return new DefaultNatsListenerContainerFactory(connection);
        }

        @Bean
        NatsTemplate natsTemplate(Connection connection) {
            return new NatsTemplate(connection);
        }

        @Bean
        Listeners listeners() {
            return new Listeners();
        }

        @Bean
        String spelQueue() {
            return "spel-workers";
        }

        @Bean
        NatsListenerConfigurer configurer(Listeners listeners) {
            return registrar -> {
                SimpleNatsListenerEndpoint endpoint = new SimpleNatsListenerEndpoint();
                endpoint.setId("programmatic");
                endpoint.setSubject("it.programmatic");
                endpoint.setMessageListener(message -> listeners.programmatic.add(message));
                registrar.registerEndpoint(endpoint);
            };
        }
    }

    static class Listeners {

        final BlockingQueue<String> strings = new LinkedBlockingQueue<>();

        final BlockingQueue<byte[]> bytes = new LinkedBlockingQueue<>();

        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

        final BlockingQueue<List<String>> headerValues = new LinkedBlockingQueue<>();

        final BlockingQueue<String> placeholder = new LinkedBlockingQueue<>();

        final BlockingQueue<String> fragile = new LinkedBlockingQueue<>();

        final BlockingQueue<Message> programmatic = new LinkedBlockingQueue<>();

        final Set<String> workerThreads = ConcurrentHashMap.newKeySet();

        final AtomicInteger workerCount = new AtomicInteger();

        final AtomicInteger controlled = new AtomicInteger();

        @NatsListener(subject = "it.string", id = "strings")
        void onString(String text) {
            strings.add(text);
        }

        @NatsListener(subject = "it.bytes")
        void onBytes(@NatsPayload byte[] data) {
            bytes.add(data);
        }

        @NatsListener(subject = "it.order")
        void onOrder(Order order) {
            orders.add(order);
        }

        @NatsListener(subject = "it.work", queue = "workers", concurrency = "3", id = "workers")
        void onWork(String item) throws InterruptedException {
            workerThreads.add(Thread.currentThread().getName());
            workerCount.incrementAndGet();
            Thread.sleep(2);
        }

        @NatsListener(subject = "it.greet")
        String greet(String name) {
            return "hello " + name;
        }

        @NatsListener(subject = "it.order.double")
        Order doubleOrder(Order order) {
            return new Order(order.id(), order.quantity() * 2);
        }

        @NatsListener(subject = "it.headers.*")
        Message headers(@NatsHeader("X-Id") String id, @NatsHeader(value = "X-Missing", required = false) String none,
                @NatsHeader("X-Multi") List<String> multi, Headers all, @NatsSubject String subject, Message raw,
                String body) {
            headerValues.add(List.of(id, String.valueOf(none), String.join("+", multi),
                    String.valueOf(all.size()), subject, raw.getSubject(), body));
            return NatsMessage.builder().subject("ignored").headers(new Headers().put("X-Echo", id))
                    .data(body.toUpperCase(), StandardCharsets.UTF_8).build();
        }

        @NatsListener(subject = "${app.subject}", queue = "${app.queue}", id = "#{'place' + 'holder'}",
                concurrency = "#{1 + 1}")
        void onPlaceholder(String text) {
            placeholder.add(text);
        }

        @NatsListener(subject = "#{'it.' + 'spel'}", queue = "#{@spelQueue}", id = "spel")
        String onSpel(String text) {
            return "spel:" + text;
        }

        @NatsListener(subject = "it.fragile", id = "fragile")
        String fragile(String text) {
            if (text.startsWith("boom")) {
                throw new IllegalStateException("cannot handle " + text);
            }
            fragile.add(text);
            return "ok " + text;
        }

        @NatsListener(subject = "it.controlled", id = "controlled")
        String controlled(String text) {
            controlled.incrementAndGet();
            return text;
        }

        @NatsListener(subject = "it.lazy", id = "lazy", autoStartup = "false")
        String lazy(String text) {
            return "lazy " + text;
        }

        @NatsListener(subject = "it.async")
        java.util.concurrent.CompletableFuture<Order> async(Order order) {
            if (order.quantity() < 0) {
                return java.util.concurrent.CompletableFuture.failedFuture(
                        new IllegalArgumentException("negative quantity"));
            }
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> new Order(order.id(), order.quantity() + 1));
        }

        // Spring's standard messaging annotations (spring-messaging is optional) instead of ours
        @NatsListener(subject = "it.messaging")
        @org.springframework.messaging.handler.annotation.SendTo("it.messaging.out")
        String messaging(@Payload Order order, @Header("X-Id") String id,
                @Header(name = "X-Tag", required = false) String tag,
                @Header(name = "X-Mode", defaultValue = "std") String mode, @Header("X-Multi") List<String> multi,
                Headers all) {
            return id + ":" + order.id() + ":" + order.quantity() + ":" + tag + ":" + mode + ":"
                    + String.join("+", multi) + ":" + all.size();
        }

        @NatsListener(subject = "it.messaging.payload")
        String messagingPayload(@Payload byte[] body,
                @Header("X-Id") String id) {
            return id + "=" + body.length;
        }

        @NatsListener(subject = "it.sendto")
        @SendTo("it.sendto.out")
        String sendTo(String text) {
            return text.toUpperCase();
        }
    }

    @Test
    void stringBytesAndJsonPayloads() throws Exception {
        template.publish("it.string", "hi");
        template.publish("it.bytes", new byte[] { 1, 2 });
        template.publish("it.order", new Order("o-1", 3));
        assertThat(listeners.strings.poll(5, TimeUnit.SECONDS)).isEqualTo("hi");
        assertThat(listeners.bytes.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2);
        assertThat(listeners.orders.poll(5, TimeUnit.SECONDS)).isEqualTo(new Order("o-1", 3));
    }

    @Test
    void queueGroupWithConcurrencyDeliversEachMessageOnceAcrossSubscriptions() {
        NatsListenerContainer container = registry.getListenerContainer("workers");
        assertThat(container.getConcurrency()).isEqualTo(3);
        assertThat(container.getQueue()).isEqualTo("workers");
        for (int i = 0; i < 60; i++) {
            template.publish("it.work", "item " + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.workerCount.get() == 60);
        assertThat(listeners.workerThreads).hasSizeGreaterThan(1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> listeners.workerCount.get() == 60);
    }

    @Test
    void requestReplyThroughTheReturnValue() throws Exception {
        assertThat(template.request("it.greet", "bob", String.class, Duration.ofSeconds(5))).isEqualTo("hello bob");
        assertThat(template.requestAsync("it.order.double", new Order("x", 21), Order.class, Duration.ofSeconds(5))
                .get(5, TimeUnit.SECONDS)).isEqualTo(new Order("x", 42));
    }

    @Test
    void asynchronousResultsAreSentWhenTheyCompleteAndFailuresBecomeErrorReplies() {
        assertThat(template.request("it.async", new Order("a", 1), Order.class, Duration.ofSeconds(5)))
                .isEqualTo(new Order("a", 2));
        assertThatThrownBy(() -> template.request("it.async", new Order("a", -1), Order.class, Duration.ofSeconds(5)))
                .isInstanceOf(NatsServiceErrorException.class)
                .hasMessageContaining("negative quantity");
    }

    @Test
    void headersInAndOut() throws Exception {
        Headers headers = new Headers().put("X-Id", "42").add("X-Multi", "a", "b");
        Message reply = template.request("it.headers.one", headers, "body", Message.class, Duration.ofSeconds(5));
        assertThat(reply.getHeaders().getFirst("X-Echo")).isEqualTo("42");
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("BODY");
        assertThat(listeners.headerValues.poll(5, TimeUnit.SECONDS))
                .containsExactly("42", "null", "a+b", "2", "it.headers.one", "it.headers.one", "body");
    }

    @Test
    void missingRequiredHeaderIsAnErrorReply() {
        assertThatThrownBy(() -> template.request("it.headers.two", "body", String.class, Duration.ofSeconds(5)))
                .isInstanceOf(NatsServiceErrorException.class)
                .hasMessageContaining("X-Id");
    }

    @Test
    void placeholdersAndSpelInSubjectQueueIdAndConcurrency() throws Exception {
        NatsListenerContainer container = registry.getListenerContainer("placeholder");
        assertThat(container.getSubject()).isEqualTo("it.placeholder");
        assertThat(container.getQueue()).isEqualTo("workers");
        assertThat(container.getConcurrency()).isEqualTo(2);
        template.publish("it.placeholder", "p");
        assertThat(listeners.placeholder.poll(5, TimeUnit.SECONDS)).isEqualTo("p");

        NatsListenerContainer spel = registry.getListenerContainer("spel");
        assertThat(spel.getSubject()).isEqualTo("it.spel");
        assertThat(spel.getQueue()).isEqualTo("spel-workers");
        assertThat(template.request("it.spel", "s", String.class, Duration.ofSeconds(5))).isEqualTo("spel:s");
    }

    @Test
    void failingListenerRepliesWithTheErrorHeaderAndKeepsItsSubscription() throws Exception {
        template.publish("it.fragile", "boom 1");
        assertThatThrownBy(() -> template.request("it.fragile", "boom 2", String.class, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(NatsServiceErrorException.class, ex -> {
                    assertThat(ex.getMessage()).contains("cannot handle boom 2");
                    assertThat(ex.getCode()).isEqualTo("500");
                });
        Message raw = template.request("it.fragile", "boom 3", Message.class, Duration.ofSeconds(5));
        assertThat(raw.getHeaders().getFirst("Nats-Service-Error")).isEqualTo("cannot handle boom 3");
        assertThat(template.request("it.fragile", "fine", String.class, Duration.ofSeconds(5))).isEqualTo("ok fine");
        assertThat(listeners.fragile.poll(5, TimeUnit.SECONDS)).isEqualTo("fine");
        assertThat(registry.getListenerContainer("fragile").isRunning()).isTrue();
    }

    @Test
    void stopAndStartByIdThroughTheRegistry() {
        assertThat(registry.getListenerContainerIds()).contains("controlled", "workers", "strings", "programmatic");
        assertThat(template.request("it.controlled", "1", String.class, Duration.ofSeconds(5))).isEqualTo("1");

        registry.stop("controlled");
        assertThat(registry.isRunning("controlled")).isFalse();
        assertThatThrownBy(() -> template.request("it.controlled", "2", String.class, Duration.ofMillis(500)))
                .isInstanceOf(NatsRequestException.class);
        assertThat(listeners.controlled.get()).isEqualTo(1);

        registry.start("controlled");
        assertThat(template.request("it.controlled", "3", String.class, Duration.ofSeconds(5))).isEqualTo("3");
        assertThat(listeners.controlled.get()).isEqualTo(2);
        assertThatThrownBy(() -> registry.stop("nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controlled");
    }

    @Test
    void autoStartupFalseWaitsForAnExplicitStart() {
        assertThat(registry.isRunning("lazy")).isFalse();
        assertThatThrownBy(() -> template.request("it.lazy", "x", String.class, Duration.ofMillis(300)))
                .isInstanceOf(NatsRequestException.class);
        registry.start("lazy");
        try {
            assertThat(template.request("it.lazy", "x", String.class, Duration.ofSeconds(5))).isEqualTo("lazy x");
        }
        finally {
            registry.stop("lazy");
        }
    }

    @Test
    void sendToIsTheFallbackWhenTheMessageHasNoReplySubject() throws Exception {
        Connection connection = context.getBean(Connection.class);
        BlockingQueue<Message> out = new LinkedBlockingQueue<>();
        Dispatcher dispatcher = connection.createDispatcher(out::add);
        dispatcher.subscribe("it.sendto.out");
        try {
            template.publish("it.sendto", "shout");
            assertThat(new String(out.poll(5, TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("SHOUT");
            // A request still gets its reply on the reply subject, not on @SendTo.
            assertThat(template.request("it.sendto", "quiet", String.class, Duration.ofSeconds(5))).isEqualTo("QUIET");
            assertThat(out.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
        finally {
            connection.closeDispatcher(dispatcher);
        }
    }

    @Test
    void springMessagingPayloadHeaderAndSendTo() throws Exception {
        Connection connection = context.getBean(Connection.class);
        BlockingQueue<Message> out = new LinkedBlockingQueue<>();
        Dispatcher dispatcher = connection.createDispatcher(out::add);
        dispatcher.subscribe("it.messaging.out");
        try {
            Headers headers = new Headers().put("X-Id", "7").add("X-Multi", "a", "b");
            template.publish("it.messaging", headers, new Order("o-9", 2));
            assertThat(new String(out.poll(5, TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("7:o-9:2:null:std:a+b:2");
            // a request is answered on its reply subject, with the optional header and the default overridden
            headers = new Headers().put("X-Id", "8").put("X-Tag", "t").put("X-Mode", "fast").put("X-Multi", "c");
            assertThat(template.request("it.messaging", headers, new Order("o-1", 1), String.class,
                    Duration.ofSeconds(5))).isEqualTo("8:o-1:1:t:fast:c:4");
            assertThat(out.poll(200, TimeUnit.MILLISECONDS)).isNull();
            // @Header is required by default
            assertThatThrownBy(() -> template.request("it.messaging", new Headers().put("X-Multi", "x"),
                    new Order("o-2", 1), String.class, Duration.ofSeconds(5)))
                .isInstanceOf(NatsServiceErrorException.class)
                .hasMessageContaining("X-Id");
        }
        finally {
            connection.closeDispatcher(dispatcher);
        }
        assertThat(template.request("it.messaging.payload", new Headers().put("X-Id", "b"), new byte[] { 1, 2, 3 },
                String.class, Duration.ofSeconds(5))).isEqualTo("b=3");
    }

    @Test
    void programmaticEndpointFromAConfigurer() throws Exception {
        template.publish("it.programmatic", "p");
        assertThat(listeners.programmatic.poll(5, TimeUnit.SECONDS).getData()).containsExactly('p');
    }
}
