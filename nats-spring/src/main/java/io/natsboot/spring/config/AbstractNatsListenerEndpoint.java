package io.natsboot.spring.config;

/** Holds the plain properties of an endpoint. */
public abstract class AbstractNatsListenerEndpoint implements NatsListenerEndpoint {

    private String id;

    private String subject;

    private String queue;

    private int concurrency = 1;

    private Boolean autoStartup;

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
    public String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", subject=" + subject + ", queue=" + queue
                + ", concurrency=" + concurrency + "]";
    }
}
