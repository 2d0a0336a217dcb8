package io.natsboot.spring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.nats.client.impl.Headers;

/**
 * The context of a {@code nats.publish} observation: the outgoing message's {@link Headers} are its carrier, so a
 * propagating handler (a tracer's) writes the trace context into the message.
 */
public class NatsPublishObservationContext extends SenderContext<Headers> {

    private final String subject;

    private final String operation;

    public NatsPublishObservationContext(String subject, String operation, Headers headers) {
        super((carrier, key, value) -> {
            if (carrier != null && !carrier.isReadOnly()) {
                carrier.put(key, value);
            }
        }, Kind.PRODUCER);
        this.subject = subject;
        this.operation = operation;
        setCarrier(headers);
        setRemoteServiceName("nats");
    }

    /** The subject published to. */
    public String getSubject() {
        return subject;
    }

    /** {@code publish} or {@code request}. */
    public String getOperation() {
        return operation;
    }

}
