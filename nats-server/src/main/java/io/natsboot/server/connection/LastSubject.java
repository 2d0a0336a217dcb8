package io.natsboot.server.connection;

import io.natsboot.server.protocol.ProtocolEncoder;
import io.natsboot.server.subject.SubjectMatch;
import io.natsboot.server.subject.SubjectTree;
import io.natsboot.server.subject.Subjects;

/**
 * The last subject a connection published to, with its wire bytes, validity and match (nats-server's per-client L1
 * cache, one entry deep): a publisher, or a route, usually repeats its subject, and its decoder then hands over the
 * same String instance. The match stays valid while the tree's generation is unchanged. One per connection, used on
 * its event loop only.
 *
 * @param <T> what the subject tree holds
 */
public final class LastSubject<T> {

    private final SubjectTree<T> tree;
    private String subject;
    private byte[] bytes;
    private boolean validPublish;
    private SubjectMatch<T> match;
    private long generation;

    public LastSubject(SubjectTree<T> tree) {
        this.tree = tree;
    }

    /** Makes {@code subject} the current one, looking its match up again only when needed. */
    public LastSubject<T> set(String subject) {
        long current = tree.generation();
        if (subject != this.subject) {
            this.subject = subject;
            this.bytes = ProtocolEncoder.bytes(subject);
            this.validPublish = Subjects.isValidPublishSubject(subject);
            this.match = null;
        }
        if (match == null || current != generation) {
            match = tree.match(subject);
            generation = current;
        }
        return this;
    }

    public SubjectMatch<T> match() {
        return match;
    }

    /** The subject's wire bytes. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether it is a valid literal subject, as a publish subject should be. */
    public boolean isValidPublishSubject() {
        return validPublish;
    }
}
