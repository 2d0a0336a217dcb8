package io.natsboot.server.subject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the trie nodes a subject reached into an immutable {@link SubjectMatch}; stateless (callers hold the
 * tree's read lock so the nodes do not change underneath).
 */
final class MatchBuilder {

    /** Up to this many entries a quadratic scan removes duplicates faster than hashing. */
    private static final int LINEAR_DEDUP_MAX = 16;

    private MatchBuilder() {
    }

    static <S> SubjectMatch<S> build(List<Node> nodes) {
        int plainTotal = 0;
        int plainNodes = 0;
        int queueNodes = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.plain() != null) {
                plainTotal += node.plain().size();
                plainNodes++;
            }
            if (node.queues() != null) {
                queueNodes++;
            }
        }
        if (plainTotal == 0 && queueNodes == 0) {
            return SubjectMatch.empty();
        }
        Object[] plain = new Object[plainTotal];
        int offset = 0;
        for (int i = 0; i < nodes.size(); i++) {
            IdentitySet set = nodes.get(i).plain();
            if (set != null) {
                set.copyTo(plain, offset);
                offset += set.size();
            }
        }
        // One node never holds the same subscription twice; only overlapping subjects can.
        if (plainNodes > 1) {
            plain = dedup(plain);
        }
        if (queueNodes == 0) {
            return new SubjectMatch<>(plain, new String[0], new Object[0][]);
        }
        return queueNodes == 1 ? withQueuesOfOneNode(plain, nodes) : withMergedQueues(plain, nodes);
    }

    private static <S> SubjectMatch<S> withQueuesOfOneNode(Object[] plain, List<Node> nodes) {
        Map<String, IdentitySet> queues = null;
        for (int i = 0; queues == null; i++) {
            queues = nodes.get(i).queues();
        }
        String[] names = new String[queues.size()];
        Object[][] members = new Object[queues.size()][];
        int g = 0;
        for (Map.Entry<String, IdentitySet> e : queues.entrySet()) {
            names[g] = e.getKey();
            members[g] = e.getValue().toArray();
            g++;
        }
        return new SubjectMatch<>(plain, names, members);
    }

    private static <S> SubjectMatch<S> withMergedQueues(Object[] plain, List<Node> nodes) {
        Map<String, List<Object>> merged = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Map<String, IdentitySet> queues = nodes.get(i).queues();
            if (queues == null) {
                continue;
            }
            queues.forEach((name, set) -> {
                List<Object> list = merged.computeIfAbsent(name, n -> new ArrayList<>());
                for (int m = 0; m < set.size(); m++) {
                    list.add(set.get(m));
                }
            });
        }
        String[] names = new String[merged.size()];
        Object[][] members = new Object[merged.size()][];
        int g = 0;
        for (Map.Entry<String, List<Object>> e : merged.entrySet()) {
            names[g] = e.getKey();
            members[g] = dedup(e.getValue().toArray());
            g++;
        }
        return new SubjectMatch<>(plain, names, members);
    }

    /** Removes repeated subscriptions (by identity), keeping first occurrences in order. */
    static Object[] dedup(Object[] items) {
        int kept = 0;
        if (items.length <= LINEAR_DEDUP_MAX) {
            outer:
            for (Object item : items) {
                for (int k = 0; k < kept; k++) {
                    if (items[k] == item) {
                        continue outer;
                    }
                }
                items[kept++] = item;
            }
        } else {
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>(items.length * 2));
            for (Object item : items) {
                if (seen.add(item)) {
                    items[kept++] = item;
                }
            }
        }
        return kept == items.length ? items : Arrays.copyOf(items, kept);
    }
}
