package io.natsboot.server.auth;

import io.natsboot.server.subject.SubjectMatch;
import io.natsboot.server.subject.SubjectTree;
import io.natsboot.server.subject.Subjects;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled allow or deny list: its entries in a subject tree, so wildcards in the list and in the tested
 * subject match exactly as subscriptions do. An entry may name a queue group after whitespace ({@code "foo.* q"}),
 * as nats-server 2.9 allows in subscribe lists. Immutable once built and thread-safe (the tree is), so one instance
 * serves every connection of a user.
 */
public final class PermissionSubjects {

    private final SubjectTree<Object> tree = new SubjectTree<>();
    private final List<String> plainSubjects = new ArrayList<>();

    private PermissionSubjects() {
    }

    /**
     * Compiles {@code entries}; with {@code queues} an entry's second word is its queue group, without them the
     * whole entry is the subject. Entries nats-server could not insert (invalid subject, more than two words) are
     * skipped, as it skips them.
     */
    public static PermissionSubjects compile(List<String> entries, boolean queues) {
        PermissionSubjects list = new PermissionSubjects();
        for (String entry : entries) {
            String subject = entry;
            String queue = null;
            if (queues) {
                String[] words = entry.trim().split("[ \t\r\n]+");
                if (words.length > 2) {
                    continue;
                }
                subject = words[0];
                queue = words.length == 2 ? words[1] : null;
            }
            // a fresh object per entry: the tree tells entries apart by identity
            if (list.tree.insert(subject, queue, new Object()) && queue == null) {
                list.plainSubjects.add(subject);
            }
        }
        return list;
    }

    /** Entries matching {@code subject}: plain ones, and queue entries grouped by queue name. */
    public SubjectMatch<Object> match(String subject) {
        return tree.match(subject);
    }

    /** Whether an entry without a queue matches {@code subject}. */
    public boolean matchesPlain(String subject) {
        return tree.match(subject).plainCount() > 0;
    }

    /** The entries without a queue group. */
    public List<String> plainSubjects() {
        return List.copyOf(plainSubjects);
    }

    /**
     * nats-server's rule for a queue subscription against the queue entries that matched its subject: the queue
     * is named exactly, or covered by a wildcard queue entry ({@code q.*} covers {@code q.a}).
     */
    static boolean queueMatches(String queue, SubjectMatch<Object> match) {
        for (int g = 0, n = match.queueGroupCount(); g < n; g++) {
            String name = match.queueName(g);
            if (queue.equals(name) || (!Subjects.isLiteral(name) && Subjects.matches(queue, name))) {
                return true;
            }
        }
        return false;
    }
}
