package io.natsboot.server.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a user may publish and subscribe to ({@code permissions { publish, subscribe, allow_responses }}), as in
 * nats-server: a subject is allowed when the allow list is empty or matches it, and the deny list does not.
 */
public final class Permissions {

    /** nats-server's {@code allow_responses: true}: one reply, within two minutes. */
    public static final int DEFAULT_RESPONSE_MAX_MSGS = 1;
    public static final Duration DEFAULT_RESPONSE_EXPIRES = Duration.ofMinutes(2);

    private SubjectPermission publish;
    private SubjectPermission subscribe;
    private ResponsePermission response;

    /** {@code publish} (alias {@code pub}), or {@code null} for no restriction. */
    public SubjectPermission getPublish() {
        return publish;
    }

    public Permissions setPublish(SubjectPermission publish) {
        this.publish = publish;
        return this;
    }

    /** {@code subscribe} (alias {@code sub}), or {@code null} for no restriction. */
    public SubjectPermission getSubscribe() {
        return subscribe;
    }

    public Permissions setSubscribe(SubjectPermission subscribe) {
        this.subscribe = subscribe;
        return this;
    }

    /** {@code allow_responses}, or {@code null} when not set. */
    public ResponsePermission getResponse() {
        return response;
    }

    public Permissions setResponse(ResponsePermission response) {
        this.response = response;
        return this;
    }

    /** An allow and a deny list of subjects, wildcards allowed. */
    public static final class SubjectPermission {
        private final List<String> allow = new ArrayList<>();
        private final List<String> deny = new ArrayList<>();

        public List<String> getAllow() {
            return allow;
        }

        public List<String> getDeny() {
            return deny;
        }
    }

    /**
     * {@code allow_responses}: a user may publish to the reply subject of a message it received, up to
     * {@code maxMsgs} times within {@code expires}, even where its publish permissions would refuse it.
     */
    public static final class ResponsePermission {
        private int maxMsgs = DEFAULT_RESPONSE_MAX_MSGS;
        private Duration expires = DEFAULT_RESPONSE_EXPIRES;

        public int getMaxMsgs() {
            return maxMsgs;
        }

        public ResponsePermission setMaxMsgs(int maxMsgs) {
            this.maxMsgs = maxMsgs;
            return this;
        }

        public Duration getExpires() {
            return expires;
        }

        public ResponsePermission setExpires(Duration expires) {
            this.expires = Objects.requireNonNull(expires, "expires");
            return this;
        }
    }
}
