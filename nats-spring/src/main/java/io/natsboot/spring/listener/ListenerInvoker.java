package io.natsboot.spring.listener;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.natsboot.spring.converter.NatsMessageConversionException;
import io.natsboot.spring.observation.NatsObservations;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.MessagingException;

/**
 * Calls a container's listener for one message: observed, retried with Spring's {@link RetryTemplate} as the
 * {@link NatsListenerRetry} says, and on final failure handed to the error handler. Nothing it catches reaches the
 * consumer loop.
 */
final class ListenerInvoker {

    private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

    private final String listenerId;

    private final Connection connection;

    private final NatsMessageListener listener;

    private final NatsListenerErrorHandler errorHandler;

    private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    private volatile RetryTemplate retryTemplate;

    ListenerInvoker(String listenerId, Connection connection, NatsMessageListener listener,
            NatsListenerErrorHandler errorHandler) {
        this.listenerId = listenerId;
        this.connection = connection;
        this.listener = listener;
        this.errorHandler = errorHandler;
    }

    void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
    }

    void setRetry(NatsListenerRetry retry) {
        if (retry.getBackOff() == null) {
            this.retryTemplate = null;
            return;
        }
        RetryPolicy policy = RetryPolicy.builder()
            .backOff(retry.getBackOff())
            .predicate(ListenerInvoker::isRetryable)
            .build();
        this.retryTemplate = new RetryTemplate(policy);
    }

    /** A failure to resolve or convert the arguments will fail the same way again. */
    static boolean isRetryable(Throwable failure) {
        return !(failure instanceof MessagingException || failure instanceof NatsMessageConversionException);
    }

    void invoke(Message message) {
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
        Throwable failure;
        int attempts;
        RetryTemplate retry = retryTemplate;
        if (retry == null) {
            try {
                listener.onMessage(message);
                return;
            }
            catch (Throwable ex) {
                failure = ex;
                attempts = 1;
            }
        }
        else {
            try {
                retry.execute(() -> {
                    listener.onMessage(message);
                    return null;
                });
                return;
            }
            catch (RetryException ex) {
                failure = ex.getLastException() != null ? ex.getLastException() : ex;
                attempts = Math.max(1, ex.getExceptions().size());
            }
        }
        if (observation != null) {
            observation.error(failure);
        }
        NatsListenerExecutionFailedException error = failure instanceof NatsListenerExecutionFailedException f
                && f.getAttempts() == attempts ? f
                : new NatsListenerExecutionFailedException(listenerId, "Listener '" + listenerId
                        + "' failed on a message on '" + message.getSubject() + "'", unwrap(failure), attempts);
        try {
            errorHandler.handleError(message, error, connection);
        }
        catch (Throwable handlerFailure) {
            logger.error("The error handler of listener '" + listenerId + "' failed", handlerFailure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof NatsListenerExecutionFailedException f && f.getCause() != null ? f.getCause()
                : failure;
    }
}
