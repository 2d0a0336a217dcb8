package io.natsboot.server.subject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectTreeMatchTest {

    /** Subscribe subject of each named plain subscription in {@link #fixture()}. */
    private static final Map<String, String> SUBJECTS = new LinkedHashMap<>();

    static {
        SUBJECTS.put("A", "foo");
        SUBJECTS.put("B", "foo.bar");
        SUBJECTS.put("C", "foo.*");
        SUBJECTS.put("D", "foo.>");
        SUBJECTS.put("E", "*.bar");
        SUBJECTS.put("F", ">");
        SUBJECTS.put("G", "foo*");
        SUBJECTS.put("H", "foo.*.baz");
        SUBJECTS.put("I", "*.*");
        SUBJECTS.put("J", "foo.bar.>");
        SUBJECTS.put("K", "Foo.bar");
        SUBJECTS.put("L", "a>b.c");
    }

    private final Map<String, Sub> subs = new LinkedHashMap<>();

    private SubjectTree<Sub> fixture() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        SUBJECTS.forEach((name, subject) -> {
            Sub sub = new Sub(name);
            subs.put(name, sub);
            assertThat(tree.insert(subject, null, sub)).isTrue();
        });
        return tree;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "foo,             A F",
        "foo.bar,         B C D E F I",
        "foo.baz,         C D F I",
        "foo.bar.baz,     D F H J",
        "foo.bar.baz.qux, D F J",
        "foo.x.baz,       D F H",
        "bar,             F",
        "x.bar,           E F I",
        "foo*,            F G",
        "fooX,            F",
        "Foo.bar,         E F I K",
        "FOO.BAR,         F I",
        "foo.*,           C D F I",
        "foo.>,           C D F I",
        "a>b.c,           F I L",
        "a.b.c.d.e,       F",
    })
    void matchesLiteralsAndWildcards(String subject, String expectedNames) {
        SubjectTree<Sub> tree = fixture();
        List<Sub> expected = Arrays.stream(expectedNames.split(" "))
                .map(subs::get)
                .toList();
        SubjectMatch<Sub> match = tree.match(subject);
        assertThat(match.plainSubscriptions()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(match.queueGroupCount()).isZero();
        assertThat(tree.match(subject).plainSubscriptions()).as("cached answer")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo..bar", ".foo", "foo.", "..", "."})
    void subjectsWithEmptyTokensMatchNothing(String subject) {
        SubjectTree<Sub> tree = fixture();
        assertThat(tree.match(subject).isEmpty()).isTrue();
    }

    @Test
    void queueGroupsAreGroupedByNameAcrossMatchingSubjects() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub plain = new Sub("plain");
        Sub q1 = new Sub("q1");
        Sub q2 = new Sub("q2");
        Sub q3 = new Sub("q3");
        Sub other = new Sub("other");
        tree.insert("foo.bar", null, plain);
        tree.insert("foo.bar", "g1", q1);
        tree.insert("foo.*", "g1", q2);
        tree.insert("foo.>", "g2", q3);
        tree.insert("foo.baz", "g1", other);

        SubjectMatch<Sub> match = tree.match("foo.bar");

        assertThat(match.plainSubscriptions()).containsExactly(plain);
        assertThat(match.queueGroups()).containsOnlyKeys("g1", "g2");
        assertThat(match.queueGroups().get("g1")).containsExactlyInAnyOrder(q1, q2);
        assertThat(match.queueGroups().get("g2")).containsExactly(q3);
        assertThat(match.size()).isEqualTo(4);
        assertThat(match.fanout()).isEqualTo(3);
        for (int g = 0; g < match.queueGroupCount(); g++) {
            assertThat(match.queueMemberCount(g)).isPositive();
            assertThat(match.queueGroups().get(match.queueName(g))).contains(match.queueMember(g, 0));
        }
    }

    @Test
    void queueGroupOfOneSubjectKeepsEveryMember() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        List<Sub> members = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Sub s = new Sub("m" + i);
            members.add(s);
            tree.insert("work", "workers", s);
        }
        assertThat(tree.match("work").queueGroups().get("workers")).containsExactlyInAnyOrderElementsOf(members);
        assertThat(tree.match("work").plainCount()).isZero();
    }

    @Test
    void sameSubscriptionUnderTwoSubjectsIsListedOnce() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub s = new Sub("s");
        assertThat(tree.insert("foo.*", null, s)).isTrue();
        assertThat(tree.insert("foo.>", null, s)).isTrue();
        assertThat(tree.insert("foo.*", "q", s)).isTrue();
        assertThat(tree.insert("foo.bar", "q", s)).isTrue();
        assertThat(tree.count()).isEqualTo(4);

        SubjectMatch<Sub> match = tree.match("foo.bar");
        assertThat(match.plainSubscriptions()).containsExactly(s);
        assertThat(match.queueGroups()).containsExactly(Map.entry("q", List.of(s)));

        assertThat(tree.remove("foo.*", null, s)).isTrue();
        assertThat(tree.match("foo.bar").plainSubscriptions()).containsExactly(s);
        assertThat(tree.remove("foo.>", null, s)).isTrue();
        assertThat(tree.match("foo.bar").plainSubscriptions()).isEmpty();
        assertThat(tree.match("foo.bar").queueGroups()).containsOnlyKeys("q");
    }

    @Test
    void duplicateInsertIsIgnoredAndIdentityNotEqualityCounts() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub s = new Sub("s");
        assertThat(tree.insert("foo", null, s)).isTrue();
        assertThat(tree.insert("foo", null, s)).isTrue();
        assertThat(tree.count()).isEqualTo(1);
        assertThat(tree.match("foo").plainSubscriptions()).containsExactly(s);

        // Two equal strings are distinct subscriptions: only identity matters.
        String a = new String("same");
        String b = new String("same");
        SubjectTree<String> strings = new SubjectTree<>();
        strings.insert("foo", null, a);
        strings.insert("foo", null, b);
        assertThat(strings.count()).isEqualTo(2);
        assertThat(strings.match("foo").plainCount()).isEqualTo(2);
        assertThat(strings.remove("foo", null, new String("same"))).isFalse();
        assertThat(strings.remove("foo", null, a)).isTrue();
        assertThat(strings.match("foo").plain(0)).isSameAs(b);

        assertThat(tree.remove("foo", null, s)).isTrue();
        assertThat(tree.remove("foo", null, s)).isFalse();
        assertThat(tree.count()).isZero();
    }

    @ParameterizedTest
    @CsvSource(value = {
        "foo..bar, NULL",
        "foo.>.bar, NULL",
        "'', NULL",
        "foo bar, NULL",
        "foo., NULL",
        "foo, a b",
        "foo, ''",
    }, nullValues = "NULL")
    void invalidInsertsAreRefused(String subject, String queue) {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub s = new Sub("s");
        assertThat(tree.insert(subject, queue, s)).isFalse();
        assertThat(tree.remove(subject, queue, s)).isFalse();
        assertThat(tree.count()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    void removeNeedsTheSameSubjectAndQueue() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub s = new Sub("s");
        tree.insert("foo.bar", "q", s);
        assertThat(tree.remove("foo.bar", null, s)).isFalse();
        assertThat(tree.remove("foo.bar", "r", s)).isFalse();
        assertThat(tree.remove("foo.*", "q", s)).isFalse();
        assertThat(tree.remove("foo", "q", s)).isFalse();
        assertThat(tree.remove("foo.bar.baz", "q", s)).isFalse();
        assertThat(tree.remove("foo.bar", "q", new Sub("s"))).isFalse();
        assertThat(tree.count()).isEqualTo(1);
        assertThat(tree.remove("foo.bar", "q", s)).isTrue();
        assertThat(tree.count()).isZero();
    }

    @Test
    void removePrunesEmptiedNodesButKeepsBranchesInUse() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub s1 = new Sub("1");
        Sub s2 = new Sub("2");
        Sub s3 = new Sub("3");
        tree.insert("a.b.c", null, s1);
        tree.insert("a.b", null, s2);
        tree.insert("a.*.>", "q", s3);
        assertThat(tree.nodeCount()).isEqualTo(5); // a, b, c, *, >

        tree.remove("a.b", null, s2);
        assertThat(tree.nodeCount()).as("a.b still leads to a.b.c").isEqualTo(5);
        tree.remove("a.b.c", null, s1);
        assertThat(tree.nodeCount()).isEqualTo(3);
        tree.remove("a.*.>", "q", s3);
        assertThat(tree.nodeCount()).isZero();
        assertThat(tree.count()).isZero();
        assertThat(tree.match("a.b.c").isEmpty()).isTrue();
    }

    @Test
    void forEachVisitsEveryEntry() {
        SubjectTree<Sub> tree = new SubjectTree<>();
        Sub s = new Sub("s");
        Sub t = new Sub("t");
        tree.insert("foo.*", null, s);
        tree.insert("foo.>", "q", s);
        tree.insert("bar", "q", t);
        tree.insert("bar", null, t);
        List<String> seen = new ArrayList<>();
        tree.forEach((subject, queue, sub) -> {
            seen.add(subject + "|" + queue + "|" + sub);
            tree.remove(subject, queue, sub); // allowed: the visit runs outside the lock
        });
        assertThat(seen).containsExactlyInAnyOrder("foo.*|null|s", "foo.>|q|s", "bar|q|t", "bar|null|t");
        assertThat(tree.count()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    void randomOperationsAgreeWithBruteForce() {
        Random random = new Random(42);
        String[] tokens = {"a", "b", "c", "*", ">"};
        String[] queues = {null, null, "q1", "q2"};
        SubjectTree<Sub> tree = new SubjectTree<>();
        List<ReferenceMatcher.Entry> live = new ArrayList<>();
        for (int op = 0; op < 4000; op++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                String subject = randomSubject(random, tokens);
                if (!Subjects.isValidSubscribeSubject(subject)) {
                    continue;
                }
                Sub sub = random.nextInt(4) == 0 && !live.isEmpty()
                        ? live.get(random.nextInt(live.size())).sub() : new Sub("s" + op);
                String queue = queues[random.nextInt(queues.length)];
                ReferenceMatcher.Entry entry = new ReferenceMatcher.Entry(subject, queue, sub);
                boolean present = live.stream().anyMatch(e -> sameEntry(e, entry));
                assertThat(tree.insert(subject, queue, sub)).isTrue();
                if (!present) {
                    live.add(entry);
                }
            } else {
                ReferenceMatcher.Entry e = live.remove(random.nextInt(live.size()));
                assertThat(tree.remove(e.subject(), e.queue(), e.sub())).isTrue();
            }
            assertThat(tree.count()).isEqualTo(live.size());
            String literal = randomSubject(random, new String[] {"a", "b", "c", "d"});
            ReferenceMatcher.assertMatch(literal, tree.match(literal), live);
        }
        Collections.shuffle(live, random);
        for (ReferenceMatcher.Entry e : live) {
            assertThat(tree.remove(e.subject(), e.queue(), e.sub())).isTrue();
        }
        assertThat(tree.count()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    private static boolean sameEntry(ReferenceMatcher.Entry a, ReferenceMatcher.Entry b) {
        return a.sub() == b.sub() && a.subject().equals(b.subject()) && Objects.equals(a.queue(), b.queue());
    }

    static String randomSubject(Random random, String[] tokens) {
        int depth = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(tokens[random.nextInt(tokens.length)]);
        }
        return sb.toString();
    }
}
