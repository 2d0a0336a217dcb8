package io.natsboot.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * One subscription per unit of concurrency, in the queue group, each drained by its own consumer task on the
 * container's {@link TaskExecutor} (as spring-kafka's containers run their consumers): a {@link SimpleAsyncTaskExecutor}
 * of platform threads named after the listener by default, virtual threads when the factory is given such an
 * executor. {@link #stop()} unsubscribes and waits (up to the shutdown timeout) for the messages in hand;
 * {@link #start()} subscribes anew. {@link #pause()} keeps the subscriptions but stops handing messages to the
 * listener: they wait in the subscription's pending buffer (jnats' pending limits apply; past them jnats drops
 * messages and reports a slow consumer) and are delivered, in order, on {@link #resume()}. A failure is retried as
 * the {@link NatsListenerRetry} says and then goes to the error handler; it never ends the subscription.
 */
public class DefaultNatsListenerContainer implements NatsListenerContainer {

    private static final Log logger = LogFactory.getLog(DefaultNatsListenerContainer.class);

    private static final Duration POLL = Duration.ofSeconds(1);

    private final String listenerId;

    private final Connection connection;

    private final String subject;

    private final String queue;

    private final int concurrency;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition resumed = lock.newCondition();

    private final List<ListenerConsumer> consumers = new ArrayList<>();

    private final ListenerInvoker invoker;

    private TaskExecutor taskExecutor;

    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private boolean autoStartup = true;

    private int phase = DEFAULT_PHASE;

    private volatile boolean running;

    private volatile boolean paused;

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
        this.invoker = new ListenerInvoker(listenerId, connection, listener, errorHandler);
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public void setPhase(int phase) {
        this.phase = phase;
    }

    /** Observes each listener invocation in this registry ({@code null}: none, the default). */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        invoker.setObservationRegistry(observationRegistry != null ? observationRegistry : ObservationRegistry.NOOP);
    }

    /** Retries and dead-lettering of failed messages ({@code null}: {@link NatsListenerRetry#NONE}). */
    public void setRetry(NatsListenerRetry retry) {
        invoker.setRetry(retry != null ? retry : NatsListenerRetry.NONE);
    }

    /**
     * Runs the consumer tasks, one per unit of concurrency, each for as long as the container runs ({@code null}: a
     * {@link SimpleAsyncTaskExecutor} of platform threads named {@code <listener id>-N}).
     */
    public void setTaskExecutor(TaskExecutor taskExecutor) {
        this.taskExecutor = taskExecutor;
    }

    /** How long {@link #stop()} waits for the listener to finish the messages in hand (default 10 s). */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
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
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            TaskExecutor executor = taskExecutor != null ? taskExecutor : new SimpleAsyncTaskExecutor(listenerId + "-");
            try {
                for (int i = 0; i < concurrency; i++) {
                    Subscription subscription = queue != null ? connection.subscribe(subject, queue)
                            : connection.subscribe(subject);
                    consumers.add(new ListenerConsumer(subscription));
                }
                running = true;
                for (ListenerConsumer consumer : consumers) {
                    executor.execute(consumer);
                }
            }
            catch (RuntimeException ex) {
                running = false;
                unsubscribeAll();
                throw ex;
            }
            logger.info("NATS listener '" + listenerId + "' subscribed to '" + subject + "'"
                    + (queue != null ? " in queue group '" + queue + "'" : "") + " (concurrency " + concurrency
                    + (paused ? ", paused" : "") + ")");
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        List<ListenerConsumer> stopping;
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            resumed.signalAll();
            stopping = new ArrayList<>(consumers);
            unsubscribeAll();
        }
        finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        for (ListenerConsumer consumer : stopping) {
            if (!consumer.awaitEnd(deadline)) {
                logger.warn("NATS listener '" + listenerId + "' still handles a message " + shutdownTimeout
                        + " after it was stopped");
            }
        }
        logger.info("NATS listener '" + listenerId + "' stopped (unsubscribed from '" + subject + "')");
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            if (paused) {
                return;
            }
            paused = true;
        }
        finally {
            lock.unlock();
        }
        logger.info("NATS listener '" + listenerId + "' paused: messages on '" + subject + "' wait until resumed");
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            if (!paused) {
                return;
            }
            paused = false;
            resumed.signalAll();
        }
        finally {
            lock.unlock();
        }
        logger.info("NATS listener '" + listenerId + "' resumed");
    }

    private void unsubscribeAll() {
        for (ListenerConsumer consumer : consumers) {
            consumer.unsubscribe();
        }
        consumers.clear();
    }

    /** Waits while paused; false when the container stopped meanwhile. */
    private boolean awaitNotPaused() throws InterruptedException {
        if (!paused) {
            return running;
        }
        lock.lockInterruptibly();
        try {
            while (paused && running) {
                resumed.await();
            }
            return running;
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NatsListenerContainer[id=" + listenerId + ", subject=" + subject + ", queue=" + queue
                + ", concurrency=" + concurrency + ", running=" + running + ", paused=" + paused + "]";
    }

    /** Drains one subscription for as long as the container runs. */
    private final class ListenerConsumer implements Runnable {

        private final Subscription subscription;

        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

        private volatile Thread thread;

        ListenerConsumer(Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                while (running) {
                    Message message = subscription.nextMessage(POLL);
                    if (message != null && awaitNotPaused()) {
                        invoker.invoke(message);
                    }
                }
            }
            catch (IllegalStateException ex) {
                // Unsubscribed by stop(), or the connection was closed under us: either way this consumer is done.
                if (running) {
                    logger.debug("NATS listener '" + listenerId + "' lost its subscription", ex);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            finally {
                thread = null;
                ended.countDown();
            }
        }

        void unsubscribe() {
            try {
                subscription.unsubscribe();
            }
            catch (RuntimeException ex) {
                // A closed connection has already dropped its subscriptions.
                logger.debug("Unsubscribing listener '" + listenerId + "' failed", ex);
            }
        }

        /** Waits until this consumer ended (never for itself: a listener may stop its own container). */
        boolean awaitEnd(long deadlineNanos) {
            if (thread == Thread.currentThread()) {
                return true;
            }
            try {
                return ended.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
