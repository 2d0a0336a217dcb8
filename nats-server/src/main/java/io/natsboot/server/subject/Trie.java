package io.natsboot.server.subject;

import java.util.List;
import java.util.Map;

/**
 * The token trie of subscriptions: insert, remove with pruning, and collecting the nodes a literal subject
 * reaches; not thread-safe (SubjectTree's lock guards it).
 */
final class Trie {

    /** Receives one subscription during {@link #forEach}. */
    interface EntryVisitor {
        void visit(String subject, String queue, Object sub);
    }

    private final Level root = new Level();

    /** Subject and queue must be valid. Returns false when the entry is already present. */
    boolean insert(String subject, String queue, Object sub) {
        int length = subject.length();
        Level level = root;
        int start = 0;
        while (true) {
            int end = Subjects.tokenEnd(subject, start, length);
            Node node = level.child(subject, start, end, true);
            if (end == length) {
                if (node.subject == null) {
                    node.subject = subject;
                }
                return node.add(queue, sub);
            }
            if (node.next == null) {
                node.next = new Level();
            }
            level = node.next;
            start = end + 1;
        }
    }

    /** Returns false when the entry is absent. Nodes left without subscriptions below them are pruned. */
    boolean remove(String subject, String queue, Object sub) {
        int length = subject.length();
        int depth = 1;
        for (int i = 0; i < length; i++) {
            if (subject.charAt(i) == Subjects.SEPARATOR) {
                depth++;
            }
        }
        Level[] levels = new Level[depth];
        Node[] nodes = new Node[depth];
        int[] starts = new int[depth];
        int[] ends = new int[depth];
        Level level = root;
        int start = 0;
        for (int d = 0; d < depth; d++) {
            int end = Subjects.tokenEnd(subject, start, length);
            Node node = level == null ? null : level.child(subject, start, end, false);
            if (node == null) {
                return false;
            }
            levels[d] = level;
            nodes[d] = node;
            starts[d] = start;
            ends[d] = end;
            level = node.next;
            start = end + 1;
        }
        if (!nodes[depth - 1].remove(queue, sub)) {
            return false;
        }
        for (int d = depth - 1; d >= 0 && nodes[d].isPrunable(); d--) {
            levels[d].removeChild(nodes[d], subject, starts[d], ends[d]);
            if (d > 0 && levels[d].isEmpty()) {
                nodes[d - 1].next = null;
            }
        }
        return true;
    }

    /**
     * Adds to {@code out} every node whose subscriptions match {@code literal}, which must have no empty token.
     * Only the branches the subject can reach are visited, so the cost is independent of unrelated subscriptions.
     */
    void collect(String literal, List<Node> out) {
        collect(root, literal, 0, literal.length(), out);
    }

    private static void collect(Level level, String s, int start, int length, List<Node> out) {
        while (level != null) {
            int end = Subjects.tokenEnd(s, start, length);
            boolean last = end == length;
            if (level.full != null) {
                out.add(level.full);
            }
            Node single = level.single;
            if (single != null && !last) {
                collect(single.next, s, end + 1, length, out);
            }
            Node literal = level.literals.size() == 0
                    ? null : level.literals.get(s, start, end, TokenMap.hash(s, start, end));
            if (last) {
                // nats-server's order at the last token: the literal before '*' (it decides who answers first)
                if (literal != null) {
                    out.add(literal);
                }
                if (single != null) {
                    out.add(single);
                }
                return;
            }
            if (literal == null) {
                return;
            }
            level = literal.next;
            start = end + 1;
        }
    }

    void forEach(EntryVisitor visitor) {
        forEach(root, visitor);
    }

    private static void forEach(Level level, EntryVisitor visitor) {
        level.literals.forEach((token, node) -> forEach(node, visitor));
        if (level.single != null) {
            forEach(level.single, visitor);
        }
        if (level.full != null) {
            forEach(level.full, visitor);
        }
    }

    private static void forEach(Node node, EntryVisitor visitor) {
        IdentitySet plain = node.plain();
        if (plain != null) {
            for (int i = 0; i < plain.size(); i++) {
                visitor.visit(node.subject, null, plain.get(i));
            }
        }
        Map<String, IdentitySet> queues = node.queues();
        if (queues != null) {
            queues.forEach((queue, members) -> {
                for (int i = 0; i < members.size(); i++) {
                    visitor.visit(node.subject, queue, members.get(i));
                }
            });
        }
        if (node.next != null) {
            forEach(node.next, visitor);
        }
    }

    /** Number of nodes in the trie; lets tests see that removal prunes. */
    int nodeCount() {
        return nodeCount(root);
    }

    private static int nodeCount(Level level) {
        int[] count = {0};
        level.literals.forEach((token, node) -> count[0] += 1 + nodeCount(node));
        if (level.single != null) {
            count[0] += 1 + nodeCount(level.single);
        }
        if (level.full != null) {
            count[0] += 1 + nodeCount(level.full);
        }
        return count[0];
    }

    private static int nodeCount(Node node) {
        return node.next == null ? 0 : nodeCount(node.next);
    }
}
