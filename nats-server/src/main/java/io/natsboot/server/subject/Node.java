package io.natsboot.server.subject;

import java.util.HashMap;
import java.util.Map;

/**
 * One trie node: the subscriptions whose subject ends at this token and the level below it; not thread-safe (the
 * tree's lock guards it).
 */
final class Node {

    /** The level of the next token, or null while nothing is subscribed below this node. */
    Level next;
    /** The subscribe subject that ends here, kept for iteration; set once the first subscription arrives. */
    String subject;

    private IdentitySet plain;
    private Map<String, IdentitySet> queues;

    /** Returns false when the same subscription is already here under the same queue (or plainly). */
    boolean add(String queue, Object sub) {
        if (queue == null) {
            if (plain == null) {
                plain = new IdentitySet();
            }
            return plain.add(sub);
        }
        if (queues == null) {
            queues = new HashMap<>(4);
        }
        return queues.computeIfAbsent(queue, q -> new IdentitySet()).add(sub);
    }

    boolean remove(String queue, Object sub) {
        if (queue == null) {
            if (plain == null || !plain.remove(sub)) {
                return false;
            }
            if (plain.isEmpty()) {
                plain = null;
            }
            return true;
        }
        IdentitySet members = queues == null ? null : queues.get(queue);
        if (members == null || !members.remove(sub)) {
            return false;
        }
        if (members.isEmpty()) {
            queues.remove(queue);
            if (queues.isEmpty()) {
                queues = null;
            }
        }
        return true;
    }

    /** Plain subscribers, or null when there are none. */
    IdentitySet plain() {
        return plain;
    }

    /** Queue groups by name, or null when there are none; no group in it is empty. */
    Map<String, IdentitySet> queues() {
        return queues;
    }

    /** True when nothing is subscribed here or below, so the node can be pruned. */
    boolean isPrunable() {
        return plain == null && queues == null && (next == null || next.isEmpty());
    }
}
