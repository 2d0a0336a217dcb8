package io.natsboot.spring.core;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.natsboot.spring.converter.DefaultNatsMessageConverter;
import io.natsboot.spring.converter.NatsMessageConverter;
import io.natsboot.spring.observation.NatsObservations;

import org.springframework.util.Assert;

/**
 * Publishes and requests on a jnats {@link Connection}, converting payloads with a {@link NatsMessageConverter}.
 * Thread-safe. {@code publish} never waits for anyone; {@code request} waits for one reply, {@code requestAsync}
 * returns it as a future. A reply carrying {@value NatsHeaders#SERVICE_ERROR} becomes a
 * {@link NatsServiceErrorException}; a reply type of {@link Message} returns the raw reply. A request while the
 * connection is not {@code CONNECTED} fails at once with a {@link NatsNotConnectedException} naming the status; a
 * publish does so only while nothing can take it ({@code CONNECTING} to a first server, or {@code CLOSED}): while
 * reconnecting jnats buffers it. With an
 * {@link ObservationRegistry} each publish and request is a {@value NatsObservations#PUBLISH} observation whose
 * trace context travels in the message headers.
 */
public class NatsTemplate {

    private final Connection connection;

    private final NatsMessageConverter messageConverter;

    private Duration defaultTimeout = Duration.ofSeconds(5);

    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    public NatsTemplate(Connection connection) {
        this(connection, new DefaultNatsMessageConverter());
    }

    public NatsTemplate(Connection connection, NatsMessageConverter messageConverter) {
        Assert.notNull(connection, "connection must not be null");
        Assert.notNull(messageConverter, "messageConverter must not be null");
        this.connection = connection;
        this.messageConverter = messageConverter;
    }

    public Connection getConnection() {
        return connection;
    }

    public NatsMessageConverter getMessageConverter() {
        return messageConverter;
    }

    /** The timeout of the request methods that take none (default 5 s). */
    public void setDefaultTimeout(Duration defaultTimeout) {
        Assert.isTrue(defaultTimeout != null && !defaultTimeout.isNegative() && !defaultTimeout.isZero(),
                "defaultTimeout must be positive");
        this.defaultTimeout = defaultTimeout;
    }

    public Duration getDefaultTimeout() {
        return defaultTimeout;
    }

    /** Observes publishes and requests in this registry ({@code null}: none, the default). */
    public void setObservationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
    }

    public ObservationRegistry getObservationRegistry() {
        return observationRegistry;
    }

    // ---- publish

    public void publish(String subject, Object payload) {
        publish(subject, null, null, payload);
    }

    public void publish(String subject, Headers headers, Object payload) {
        publish(subject, null, headers, payload);
    }

    /** Publishes with a reply subject, for replies that someone else collects. */
    public void publish(String subject, String replyTo, Object payload) {
        publish(subject, replyTo, null, payload);
    }

    public void publish(String subject, String replyTo, Headers headers, Object payload) {
        Connection.Status status = connection.getStatus();
        if (status == Connection.Status.CLOSED || status == Connection.Status.CONNECTING) {
            throw new NatsNotConnectedException("publish", subject, status);
        }
        byte[] body = messageConverter.toBytes(payload);
        Headers outgoing = withContentType(headers, payload);
        if (observationRegistry.isNoop()) {
            connection.publish(subject, replyTo, outgoing, body);
            return;
        }
        Headers carrier = outgoing != null ? new Headers(outgoing) : new Headers();
        NatsObservations.publish(observationRegistry, subject, "publish", carrier)
            .observe(() -> connection.publish(subject, replyTo, nonEmpty(carrier), body));
    }

    // ---- request

    public <R> R request(String subject, Object payload, Class<R> replyType) {
        return request(subject, null, payload, replyType, defaultTimeout);
    }

    public <R> R request(String subject, Object payload, Class<R> replyType, Duration timeout) {
        return request(subject, null, payload, replyType, timeout);
    }

    public <R> R request(String subject, Headers headers, Object payload, Class<R> replyType, Duration timeout) {
        CompletableFuture<Message> future = send(subject, headers, payload, timeout);
        Message reply;
        try {
            reply = future.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new NatsRequestException("Interrupted waiting for a reply on '" + subject + "'", ex);
        }
        catch (ExecutionException | CancellationException ex) {
            throw failure(subject, timeout, ex);
        }
        return convertReply(subject, reply, replyType);
    }

    public <R> CompletableFuture<R> requestAsync(String subject, Object payload, Class<R> replyType) {
        return requestAsync(subject, null, payload, replyType, defaultTimeout);
    }

    public <R> CompletableFuture<R> requestAsync(String subject, Object payload, Class<R> replyType, Duration timeout) {
        return requestAsync(subject, null, payload, replyType, timeout);
    }

    public <R> CompletableFuture<R> requestAsync(String subject, Headers headers, Object payload, Class<R> replyType,
            Duration timeout) {
        CompletableFuture<R> result = new CompletableFuture<>();
        CompletableFuture<Message> future;
        try {
            future = send(subject, headers, payload, timeout);
        }
        catch (RuntimeException ex) {
            result.completeExceptionally(ex);
            return result;
        }
        future.whenComplete((reply, error) -> {
            if (error != null) {
                result.completeExceptionally(failure(subject, timeout, error));
                return;
            }
            try {
                result.complete(convertReply(subject, reply, replyType));
            }
            catch (RuntimeException ex) {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }

    private CompletableFuture<Message> send(String subject, Headers headers, Object payload, Duration timeout) {
        Assert.notNull(timeout, "timeout must not be null");
        Connection.Status status = connection.getStatus();
        if (status != Connection.Status.CONNECTED) {
            throw new NatsNotConnectedException("request", subject, status);
        }
        byte[] body = messageConverter.toBytes(payload);
        Headers outgoing = withContentType(headers, payload);
        if (observationRegistry.isNoop()) {
            return requestWithTimeout(subject, outgoing, body, timeout);
        }
        Headers carrier = outgoing != null ? new Headers(outgoing) : new Headers();
        Observation observation = NatsObservations.publish(observationRegistry, subject, "request", carrier).start();
        CompletableFuture<Message> future;
        try (Observation.Scope scope = observation.openScope()) {
            future = requestWithTimeout(subject, nonEmpty(carrier), body, timeout);
        }
        catch (RuntimeException ex) {
            observation.error(ex);
            observation.stop();
            throw ex;
        }
        // a side branch: the caller keeps jnats' own future, so cancelling it still cancels the request
        future.whenComplete((reply, error) -> {
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        });
        return future;
    }

    private CompletableFuture<Message> requestWithTimeout(String subject, Headers headers, byte[] body,
            Duration timeout) {
        // jnats only sweeps timed-out requests every few seconds; time this one out on the dot.
        return connection.requestWithTimeout(subject, headers, body, timeout)
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Headers nonEmpty(Headers headers) {
        return headers.isEmpty() ? null : headers;
    }

    @SuppressWarnings("unchecked")
    private <R> R convertReply(String subject, Message reply, Class<R> replyType) {
        if (replyType == Message.class) {
            return (R) reply;
        }
        Headers headers = reply.getHeaders();
        if (headers != null && headers.containsKey(NatsHeaders.SERVICE_ERROR)) {
            throw new NatsServiceErrorException(subject, headers.getFirst(NatsHeaders.SERVICE_ERROR),
                    headers.getFirst(NatsHeaders.SERVICE_ERROR_CODE));
        }
        byte[] data = reply.getData();
        return (R) messageConverter.fromBytes(data != null ? data : new byte[0], replyType);
    }

    private static RuntimeException failure(String subject, Duration timeout, Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NatsServiceErrorException serviceError) {
            return serviceError;
        }
        if (cause instanceof TimeoutException) {
            return new NatsRequestException("No reply on '" + subject + "' within " + timeout, cause);
        }
        if (cause instanceof CancellationException) {
            return new NatsRequestException("No reply on '" + subject + "' (no responders or timed out after "
                    + timeout + ")", cause);
        }
        return new NatsRequestException("Request on '" + subject + "' failed: " + cause, cause);
    }

    private Headers withContentType(Headers headers, Object payload) {
        String contentType = messageConverter.contentType(payload);
        if (contentType == null || (headers != null && headers.containsKey(NatsHeaders.CONTENT_TYPE))) {
            return headers;
        }
        Headers copy = headers != null ? new Headers(headers) : new Headers();
        copy.put(NatsHeaders.CONTENT_TYPE, contentType);
        return copy;
    }
}
