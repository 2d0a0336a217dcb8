package io.natsboot.spring.listener;

import org.springframework.context.SmartLifecycle;

/** Owns the subscriptions of one listener; started and stopped by the registry. */
public interface NatsListenerContainer extends SmartLifecycle {

    String getListenerId();

    String getSubject();

    /** The queue group, or {@code null}. */
    String getQueue();

    int getConcurrency();
}
