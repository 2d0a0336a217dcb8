package io.natsboot.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Message;
import io.nats.client.impl.Headers;

/**
 * Names and key values of the observations of {@code NatsTemplate} ({@value #PUBLISH}) and of listener containers
 * ({@value #RECEIVE}). The subject is high-cardinality; system, operation and listener id are low.
 */
public final class NatsObservations {

    /** Observation of a publish or a request by {@code NatsTemplate}. */
    public static final String PUBLISH = "nats.publish";

    /** Observation of one listener invocation. */
    public static final String RECEIVE = "nats.receive";

    public static final String SYSTEM = "messaging.system";

    public static final String OPERATION = "messaging.operation";

    public static final String DESTINATION = "messaging.destination.name";

    public static final String LISTENER_ID = "nats.listener.id";

    private NatsObservations() {
    }

    /** A not-started observation of sending on {@code subject}; the headers are the carrier of the trace context. */
    public static Observation publish(ObservationRegistry registry, String subject, String operation,
            Headers headers) {
        NatsPublishObservationContext context = new NatsPublishObservationContext(subject, operation, headers);
        return Observation.createNotStarted(PUBLISH, () -> context, registry)
            .contextualName(subject + " " + operation)
            .lowCardinalityKeyValue(SYSTEM, "nats")
            .lowCardinalityKeyValue(OPERATION, operation)
            .highCardinalityKeyValue(DESTINATION, subject);
    }

    /** A not-started observation of a listener handling {@code message}. */
    public static Observation receive(ObservationRegistry registry, String listenerId, Message message) {
        NatsReceiveObservationContext context = new NatsReceiveObservationContext(message, listenerId);
        return Observation.createNotStarted(RECEIVE, () -> context, registry)
            .contextualName(message.getSubject() + " process")
            .lowCardinalityKeyValue(SYSTEM, "nats")
            .lowCardinalityKeyValue(OPERATION, "process")
            .lowCardinalityKeyValue(LISTENER_ID, listenerId)
            .highCardinalityKeyValue(DESTINATION, message.getSubject());
    }

}
