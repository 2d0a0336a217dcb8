package io.natsboot.spring.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.natsboot.spring.observation.NatsObservations;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * One jnats {@link Dispatcher} per unit of concurrency, each with one subscription in the queue group, so the
 * listener runs on up to {@code concurrency} threads. {@link #stop()} closes the dispatchers (their subscriptions go
 * with them); {@link #start()} makes new ones. A listener failure goes to the error handler and never reaches jnats.
 */
public class DefaultNatsListenerContainer implements NatsListenerContainer {

    private static final Log logger = LogFactory.getLog(DefaultNatsListenerContainer.class);

    private final String listenerId;

    private final Connection connection;

    private final String subject;

    private final String queue;

    private final int concurrency;

    private final NatsMessageListener listener;

    private final NatsListenerErrorHandler errorHandler;

    private final ReentrantLock lock = new ReentrantLock();

    private final List<Dispatcher> dispatchers = new ArrayList<>();

    private boolean autoStartup = true;

    private int phase = DEFAULT_PHASE;

    private volatile boolean running;

    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    public DefaultNatsListenerContainer(String listenerId, Connection connection, String subject, String queue,
            int concurrency, NatsMessageListener listener, NatsListenerErrorHandler errorHandler) {
        Assert.hasText(listenerId, "listenerId must not be empty");
        Assert.notNull(connection, "connection must not be null");
        Assert.hasText(subject, "subject must not be empty");
        Assert.isTrue(concurrency >= 1, () -> "concurrency must be at least 1 for listener '" + listenerId + "'");
        Assert.isTrue(concurrency == 1 || StringUtils.hasText(queue), () -> "Listener '" + listenerId
                + "': concurrency " + concurrency + " needs a queue group, or every subscription gets every message");
        Assert.notNull(listener, "listener must not be null");
        Assert.notNull(errorHandler, "errorHandler must not be null");
        this.listenerId = listenerId;
        this.connection = connection;
        this.subject = subject;
        this.queue = StringUtils.hasText(queue) ? queue : null;
        this.concurrency = concurrency;
        this.listener = listener;
        this.errorHandler = errorHandler;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public void setPhase(int phase) {
        this.phase = phase;
    }

    /** Observes each listener invocation in this registry ({@code null}: none, the default). */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
    }

    @Override
    public String getListenerId() {
        return listenerId;
    }

    @Override
    public String getSubject() {
        return subject;
    }

    @Override
    public String getQueue() {
        return queue;
    }

    @Override
    public int getConcurrency() {
        return concurrency;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            for (int i = 0; i < concurrency; i++) {
                Dispatcher dispatcher = connection.createDispatcher();
                dispatchers.add(dispatcher);
                if (queue != null) {
                    dispatcher.subscribe(subject, queue, this::dispatch);
                }
                else {
                    dispatcher.subscribe(subject, this::dispatch);
                }
            }
            running = true;
        }
        catch (RuntimeException ex) {
            closeDispatchers();
            throw ex;
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            closeDispatchers();
        }
        finally {
            lock.unlock();
        }
    }

    private void closeDispatchers() {
        for (Dispatcher dispatcher : dispatchers) {
            try {
                connection.closeDispatcher(dispatcher);
            }
            catch (RuntimeException ex) {
                // A closed connection has already dropped its dispatchers.
                logger.debug("Closing a dispatcher of listener '" + listenerId + "' failed", ex);
            }
        }
        dispatchers.clear();
    }

    private void dispatch(Message message) {
        if (observationRegistry.isNoop()) {
            invoke(message, null);
            return;
        }
        Observation observation = NatsObservations.receive(observationRegistry, listenerId, message).start();
        try (Observation.Scope scope = observation.openScope()) {
            invoke(message, observation);
        }
        finally {
            observation.stop();
        }
    }

    private void invoke(Message message, Observation observation) {
        try {
            listener.onMessage(message);
        }
        catch (Throwable ex) {
            if (observation != null) {
                observation.error(ex);
            }
            NatsListenerExecutionFailedException failure = ex instanceof NatsListenerExecutionFailedException f ? f
                    : new NatsListenerExecutionFailedException(listenerId,
                            "Listener '" + listenerId + "' failed on a message on '" + message.getSubject() + "'", ex);
            try {
                errorHandler.handleError(message, failure, connection);
            }
            catch (Throwable handlerFailure) {
                logger.error("The error handler of listener '" + listenerId + "' failed", handlerFailure);
            }
        }
    }

    @Override
    public String toString() {
        return "NatsListenerContainer[id=" + listenerId + ", subject=" + subject + ", queue=" + queue
                + ", concurrency=" + concurrency + ", running=" + running + "]";
    }
}
