package io.natsboot.spring.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.spring.converter.DefaultNatsMessageConverter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsTemplateTests {

    record Order(String id, int quantity) {
    }

    static NatsServer server;

    static Connection connection;

    static NatsTemplate template;

    @BeforeAll
    static void start() throws Exception {
        server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        server.start();
        connection = Nats.connect(server.clientUrl());
        template = new NatsTemplate(connection);
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void publishesStringsBytesAndJsonWithHeadersAndReplyTo() throws Exception {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Dispatcher dispatcher = connection.createDispatcher(received::add);
        dispatcher.subscribe("tpl.pub");
        connection.flush(Duration.ofSeconds(2));

        template.publish("tpl.pub", "text");
        template.publish("tpl.pub", new byte[] { 7 });
        Headers headers = new Headers().put("X-Trace", "t1");
        template.publish("tpl.pub", headers, new Order("o1", 2));
        template.publish("tpl.pub", "tpl.replies", "with reply");

        Message text = received.poll(5, TimeUnit.SECONDS);
        assertThat(new String(text.getData(), StandardCharsets.UTF_8)).isEqualTo("text");
        assertThat(text.hasHeaders()).isFalse();
        assertThat(received.poll(5, TimeUnit.SECONDS).getData()).containsExactly(7);
        Message json = received.poll(5, TimeUnit.SECONDS);
        assertThat(new String(json.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o1\",\"quantity\":2}");
        assertThat(json.getHeaders().getFirst("X-Trace")).isEqualTo("t1");
        assertThat(received.poll(5, TimeUnit.SECONDS).getReplyTo()).isEqualTo("tpl.replies");
        connection.closeDispatcher(dispatcher);
    }

    @Test
    void requestConvertsTheReplyAndRequestAsyncToo() throws Exception {
        Dispatcher dispatcher = connection.createDispatcher(message -> {
            Order order = (Order) template.getMessageConverter().fromBytes(message.getData(), Order.class);
            template.publish(message.getReplyTo(), new Order(order.id(), order.quantity() * 10));
        });
        dispatcher.subscribe("tpl.req");
        connection.flush(Duration.ofSeconds(2));

        Order reply = template.request("tpl.req", new Order("a", 1), Order.class, Duration.ofSeconds(5));
        assertThat(reply).isEqualTo(new Order("a", 10));
        assertThat(template.requestAsync("tpl.req", new Order("b", 2), Order.class, Duration.ofSeconds(5))
                .get(5, TimeUnit.SECONDS)).isEqualTo(new Order("b", 20));
        Message raw = template.request("tpl.req", new Order("c", 3), Message.class, Duration.ofSeconds(5));
        assertThat(new String(raw.getData(), StandardCharsets.UTF_8)).contains("\"quantity\":30");
        connection.closeDispatcher(dispatcher);
    }

    @Test
    void serviceErrorHeaderBecomesAnException() throws Exception {
        Dispatcher dispatcher = connection.createDispatcher(message -> connection.publish(message.getReplyTo(),
                new Headers().put(NatsHeaders.SERVICE_ERROR, "bad order").put(NatsHeaders.SERVICE_ERROR_CODE, "400"),
                new byte[0]));
        dispatcher.subscribe("tpl.err");
        connection.flush(Duration.ofSeconds(2));

        assertThatThrownBy(() -> template.request("tpl.err", "x", String.class, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(NatsServiceErrorException.class, ex -> {
                    assertThat(ex.getCode()).isEqualTo("400");
                    assertThat(ex.getMessage()).contains("bad order");
                });
        assertThat(template.requestAsync("tpl.err", "x", String.class, Duration.ofSeconds(5)))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(NatsServiceErrorException.class);
        connection.closeDispatcher(dispatcher);
    }

    @Test
    void noResponderIsARequestException() {
        assertThatThrownBy(() -> template.request("tpl.nobody", "x", String.class, Duration.ofMillis(300)))
                .isInstanceOf(NatsRequestException.class);
    }

    @Test
    void aSilentResponderTimesOutOnTime() throws Exception {
        Dispatcher dispatcher = connection.createDispatcher(message -> { });
        dispatcher.subscribe("tpl.silent");
        connection.flush(Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThatThrownBy(() -> template.request("tpl.silent", "x", String.class, Duration.ofMillis(200)))
                .isInstanceOf(NatsRequestException.class)
                .hasMessageContaining("within");
        assertThat(template.requestAsync("tpl.silent", "x", String.class, Duration.ofMillis(200)))
                .failsWithin(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        connection.closeDispatcher(dispatcher);
    }

    @Test
    void contentTypeHeaderWhenTheConverterAddsOne() throws Exception {
        DefaultNatsMessageConverter converter = new DefaultNatsMessageConverter();
        converter.setContentTypeHeader(true);
        NatsTemplate typed = new NatsTemplate(connection, converter);
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        Dispatcher dispatcher = connection.createDispatcher(received::add);
        dispatcher.subscribe("tpl.ct");
        connection.flush(Duration.ofSeconds(2));

        typed.publish("tpl.ct", new Headers().put("X-A", "1"), new Order("x", 1));
        Message message = received.poll(5, TimeUnit.SECONDS);
        assertThat(message.getHeaders().getFirst(NatsHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(message.getHeaders().getFirst("X-A")).isEqualTo("1");
        connection.closeDispatcher(dispatcher);
    }
}
