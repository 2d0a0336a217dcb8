package io.natsboot.spring.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.spring.core.NatsTemplate;
import io.natsboot.spring.listener.DefaultNatsListenerContainer;
import io.natsboot.spring.listener.DefaultNatsListenerErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NatsObservationTests {

    private NatsServer server;

    private Connection connection;

    private final RecordingPropagatingHandler handler = new RecordingPropagatingHandler();

    private final ObservationRegistry registry = ObservationRegistry.create();

    private DefaultNatsListenerContainer container;

    @BeforeEach
    void start() throws Exception {
        this.registry.observationConfig().observationHandler(this.handler);
        this.server = new NatsServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        this.server.start();
        this.connection = Nats.connect(this.server.clientUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (this.container != null) {
            this.container.stop();
        }
        this.connection.close();
        this.server.close();
    }

    @Test
    void publishAndListenerCallAreObservedAndTheTraceContextTravelsInHeaders() throws Exception {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        this.container = container("obs.pub", (message) -> {
            received.add(message);
            assertThat(this.registry.getCurrentObservation()).isNotNull();
        });
        NatsTemplate template = new NatsTemplate(this.connection);
        template.setObservationRegistry(this.registry);
        Headers userHeaders = new Headers().put("X-Mine", "1");

        template.publish("obs.pub", userHeaders, "hello");

        Message message = received.poll(5, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.getHeaders().getFirst("traceparent")).isEqualTo("trace-1");
        assertThat(message.getHeaders().getFirst("X-Mine")).isEqualTo("1");
        assertThat(userHeaders.containsKey("traceparent")).as("the caller's headers are not changed").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> this.handler.stopped.size() == 2);

        Observation.Context publish = only(NatsObservations.PUBLISH);
        assertThat(publish).isInstanceOf(NatsPublishObservationContext.class);
        assertThat(publish.getLowCardinalityKeyValue(NatsObservations.OPERATION).getValue()).isEqualTo("publish");
        assertThat(publish.getHighCardinalityKeyValue(NatsObservations.DESTINATION).getValue()).isEqualTo("obs.pub");

        Observation.Context receive = only(NatsObservations.RECEIVE);
        assertThat(receive).isInstanceOf(NatsReceiveObservationContext.class);
        assertThat(receive.getLowCardinalityKeyValue(NatsObservations.LISTENER_ID).getValue()).isEqualTo("obs");
        assertThat((String) receive.get("received-trace")).isEqualTo("trace-1");
        assertThat(receive.getError()).isNull();
    }

    @Test
    void requestIsObservedUntilTheReply() throws Exception {
        this.container = container("obs.req", (message) -> {
            this.connection.publish(message.getReplyTo(), "pong".getBytes(StandardCharsets.UTF_8));
        });
        NatsTemplate template = new NatsTemplate(this.connection);
        template.setObservationRegistry(this.registry);

        assertThat(template.request("obs.req", "ping", String.class)).isEqualTo("pong");
        await().atMost(Duration.ofSeconds(5)).until(() -> this.handler.stopped.size() == 2);
        Observation.Context request = only(NatsObservations.PUBLISH);
        assertThat(request.getLowCardinalityKeyValue(NatsObservations.OPERATION).getValue()).isEqualTo("request");
        assertThat((String) only(NatsObservations.RECEIVE).get("received-trace")).isEqualTo("trace-1");
    }

    @Test
    void aFailingListenerInvocationRecordsTheError() {
        this.container = container("obs.fail", (message) -> {
            throw new IllegalStateException("boom");
        });
        NatsTemplate template = new NatsTemplate(this.connection);
        template.publish("obs.fail", "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> this.handler.stopped.size() == 1);
        assertThat(only(NatsObservations.RECEIVE).getError()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(this.handler.stopped).noneMatch((c) -> c.getName().equals(NatsObservations.PUBLISH));
    }

    private DefaultNatsListenerContainer container(String subject,
            io.natsboot.spring.listener.NatsMessageListener listener) {
        DefaultNatsListenerContainer container = new DefaultNatsListenerContainer("obs", this.connection, subject,
                null, 1, listener, new DefaultNatsListenerErrorHandler());
        container.setObservationRegistry(this.registry);
        container.start();
        try {
            this.connection.flush(Duration.ofSeconds(5));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return container;
    }

    private Observation.Context only(String name) {
        List<Observation.Context> matching = this.handler.stopped.stream()
            .filter((context) -> context.getName().equals(name))
            .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** Stands in for a tracer's propagating handlers: writes a trace id on send, reads it on receive. */
    static final class RecordingPropagatingHandler implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public void onStart(Observation.Context context) {
            if (context instanceof SenderContext<?> sender) {
                ((SenderContext<Object>) sender).getSetter().set(sender.getCarrier(), "traceparent", "trace-1");
            }
            else if (context instanceof ReceiverContext<?> receiver) {
                String trace = ((ReceiverContext<Object>) receiver).getGetter()
                    .get(receiver.getCarrier(), "traceparent");
                if (trace != null) {
                    context.put("received-trace", trace);
                }
            }
        }

        @Override
        public void onStop(Observation.Context context) {
            this.stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

    }

}
