package io.natsboot.spring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.nats.client.Message;
import io.nats.client.impl.Headers;

/**
 * The context of a {@code nats.receive} observation around one listener invocation: the received {@link Message} is
 * its carrier, read through its headers, so a propagating handler continues the sender's trace.
 */
public class NatsReceiveObservationContext extends ReceiverContext<Message> {

    private final String listenerId;

    public NatsReceiveObservationContext(Message message, String listenerId) {
        super((carrier, key) -> {
            Headers headers = carrier.getHeaders();
            return (headers != null) ? headers.getFirst(key) : null;
        }, Kind.CONSUMER);
        this.listenerId = listenerId;
        setCarrier(message);
        setRemoteServiceName("nats");
    }

    public String getListenerId() {
        return listenerId;
    }

    public String getSubject() {
        return getCarrier().getSubject();
    }

}
