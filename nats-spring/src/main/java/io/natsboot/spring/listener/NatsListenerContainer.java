package io.natsboot.spring.listener;

import org.springframework.context.SmartLifecycle;

/**
 * Owns the subscriptions of one listener; started and stopped by the registry. A paused container keeps its
 * subscriptions but hands no message to the listener until it is resumed.
 */
public interface NatsListenerContainer extends SmartLifecycle {

    String getListenerId();

    String getSubject();

    /** The queue group, or {@code null}. */
    String getQueue();

    int getConcurrency();

    /** Stops handing messages to the listener; what arrives meanwhile waits (see the implementation). */
    void pause();

    /** Hands messages to the listener again, those that waited first. */
    void resume();

    boolean isPaused();
}
