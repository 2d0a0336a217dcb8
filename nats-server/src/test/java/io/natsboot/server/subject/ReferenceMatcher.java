package io.natsboot.server.subject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A brute-force matcher over a list of entries, written independently of the tree, to check it against. */
final class ReferenceMatcher {

    record Entry(String subject, String queue, Sub sub) {
    }

    private ReferenceMatcher() {
    }

    static boolean matches(String literal, String pattern) {
        String[] l = literal.split("\\.", -1);
        String[] p = pattern.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return l.length > i;
            }
            if (i >= l.length || !(p[i].equals("*") || p[i].equals(l[i]))) {
                return false;
            }
        }
        return l.length == p.length;
    }

    /** Asserts that {@code actual} holds exactly the entries matching {@code subject}, each once. */
    static void assertMatch(String subject, SubjectMatch<Sub> actual, List<Entry> entries) {
        Set<Sub> plain = new HashSet<>();
        Map<String, Set<Sub>> queues = new HashMap<>();
        for (Entry e : entries) {
            if (matches(subject, e.subject())) {
                if (e.queue() == null) {
                    plain.add(e.sub());
                } else {
                    queues.computeIfAbsent(e.queue(), q -> new HashSet<>()).add(e.sub());
                }
            }
        }
        assertThat(actual.plainSubscriptions()).as("plain subscribers of %s", subject)
                .containsExactlyInAnyOrderElementsOf(plain);
        Map<String, List<Sub>> actualQueues = actual.queueGroups();
        assertThat(actualQueues.keySet()).as("queue groups of %s", subject).isEqualTo(queues.keySet());
        queues.forEach((name, members) -> assertThat(actualQueues.get(name))
                .as("members of %s for %s", name, subject).containsExactlyInAnyOrderElementsOf(members));
        assertThat(actual.isEmpty()).isEqualTo(plain.isEmpty() && queues.isEmpty());
    }
}
