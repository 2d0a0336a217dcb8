package io.natsboot.server.subject;

/**
 * One trie level: the children for the next token, literal tokens by hash plus the two wildcard children; not
 * thread-safe (the tree's lock guards it).
 */
final class Level {

    final TokenMap<Node> literals = new TokenMap<>();
    /** Child for a {@code *} token. */
    Node single;
    /** Child for a {@code >} token; it has no level below. */
    Node full;

    /** The child for {@code s[start, end)}, created when {@code create} is set; null otherwise when absent. */
    Node child(String s, int start, int end, boolean create) {
        char c = s.charAt(start);
        if (end - start == 1 && c == Subjects.SINGLE_WILDCARD) {
            if (single == null && create) {
                single = new Node();
            }
            return single;
        }
        if (end - start == 1 && c == Subjects.FULL_WILDCARD) {
            if (full == null && create) {
                full = new Node();
            }
            return full;
        }
        int hash = TokenMap.hash(s, start, end);
        Node n = literals.get(s, start, end, hash);
        if (n == null && create) {
            n = new Node();
            literals.put(s.substring(start, end), n);
        }
        return n;
    }

    void removeChild(Node child, String s, int start, int end) {
        if (child == single) {
            single = null;
        } else if (child == full) {
            full = null;
        } else {
            literals.remove(s, start, end, TokenMap.hash(s, start, end));
        }
    }

    boolean isEmpty() {
        return literals.size() == 0 && single == null && full == null;
    }
}
