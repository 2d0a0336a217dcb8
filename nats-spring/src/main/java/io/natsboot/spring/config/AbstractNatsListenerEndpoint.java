package io.natsboot.spring.config;

import io.natsboot.spring.listener.NatsListenerRetry;

/** Holds the plain properties of an endpoint. */
public abstract class AbstractNatsListenerEndpoint implements NatsListenerEndpoint {

    private String id;

    private String subject;

    private String queue;

    private int concurrency = 1;

    private Boolean autoStartup;

    private NatsListenerRetry retry;

    private String deadLetterSubject;

    @Override
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @Override
    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    @Override
    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    @Override
    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public Boolean getAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(Boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    @Override
    public NatsListenerRetry getRetry() {
        return retry;
    }

    /** This endpoint's retry; {@code null} (the default) takes the container factory's. */
    public void setRetry(NatsListenerRetry retry) {
        this.retry = retry;
    }

    @Override
    public String getDeadLetterSubject() {
        return deadLetterSubject;
    }

    /** Where failed messages go once the retries are spent; turns dead-lettering on for this endpoint. */
    public void setDeadLetterSubject(String deadLetterSubject) {
        this.deadLetterSubject = deadLetterSubject;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", subject=" + subject + ", queue=" + queue
                + ", concurrency=" + concurrency + "]";
    }
}
