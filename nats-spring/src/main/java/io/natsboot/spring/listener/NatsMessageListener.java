package io.natsboot.spring.listener;

import io.nats.client.Message;

/** What a container calls for each message. An exception goes to the container's error handler. */
@FunctionalInterface
public interface NatsMessageListener {

    void onMessage(Message message) throws Exception;
}
