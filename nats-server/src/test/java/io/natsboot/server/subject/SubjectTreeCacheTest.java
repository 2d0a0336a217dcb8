package io.natsboot.server.subject;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SubjectTreeCacheTest {

    private final SubjectTree<Sub> tree = new SubjectTree<>();

    @Test
    void secondMatchIsACacheHit() {
        Sub s = new Sub("s");
        tree.insert("foo", null, s);

        SubjectMatch<Sub> first = tree.match("foo");
        SubjectMatch<Sub> second = tree.match("foo");

        assertThat(second).isSameAs(first);
        SubjectTreeStats stats = tree.stats();
        assertThat(stats.numMatches()).isEqualTo(2);
        assertThat(stats.cacheHitRate()).isEqualTo(0.5);
        assertThat(stats.numCache()).isEqualTo(1);
    }

    @Test
    void noInterestIsCachedToo() {
        tree.match("nobody");
        assertThat(tree.match("nobody").isEmpty()).isTrue();
        assertThat(tree.stats().cacheHitRate()).isEqualTo(0.5);

        Sub s = new Sub("s");
        tree.insert("nobody", null, s);
        assertThat(tree.match("nobody").plainSubscriptions()).containsExactly(s);
    }

    @Test
    void literalInsertAndRemoveInvalidateOnlyThatSubject() {
        Sub a = new Sub("a");
        Sub b = new Sub("b");
        tree.insert("foo.bar", null, a);
        tree.match("foo.bar");
        tree.match("foo.baz");
        tree.match("other");
        assertThat(tree.stats().numCache()).isEqualTo(3);

        tree.insert("foo.bar", "q", b);
        assertThat(tree.stats().numCache()).isEqualTo(2);
        SubjectMatch<Sub> after = tree.match("foo.bar");
        assertThat(after.plainSubscriptions()).containsExactly(a);
        assertThat(after.queueGroups().get("q")).containsExactly(b);

        tree.remove("foo.bar", null, a);
        assertThat(tree.stats().numCache()).isEqualTo(2);
        assertThat(tree.match("foo.bar").plainSubscriptions()).isEmpty();
    }

    @Test
    void wildcardInsertAndRemoveInvalidateEveryMatchingSubject() {
        Sub w = new Sub("w");
        tree.match("foo.bar");
        tree.match("foo.baz");
        tree.match("foo.bar.baz");
        tree.match("other.bar");
        assertThat(tree.stats().numCache()).isEqualTo(4);

        tree.insert("foo.*", null, w);
        assertThat(tree.stats().numCache()).as("foo.bar and foo.baz dropped").isEqualTo(2);
        assertThat(tree.match("foo.bar").plainSubscriptions()).containsExactly(w);
        assertThat(tree.match("foo.baz").plainSubscriptions()).containsExactly(w);
        assertThat(tree.match("foo.bar.baz").isEmpty()).isTrue();

        Sub f = new Sub("f");
        tree.insert(">", "q", f);
        assertThat(tree.stats().numCache()).isZero();
        assertThat(tree.match("other.bar").queueGroups().get("q")).containsExactly(f);

        tree.match("foo.bar");
        tree.remove("foo.*", null, w);
        assertThat(tree.match("foo.bar").plainSubscriptions()).isEmpty();
        assertThat(tree.match("foo.bar").queueGroups().get("q")).containsExactly(f);
    }

    @Test
    void cacheStaysBounded() {
        Sub s = new Sub("s");
        tree.insert("load.>", null, s);
        for (int i = 0; i < 5000; i++) {
            assertThat(tree.match("load." + i).plainSubscriptions()).containsExactly(s);
            assertThat(tree.stats().numCache()).isLessThanOrEqualTo(SubjectTree.CACHE_MAX);
        }
        assertThat(tree.stats().numCache()).isGreaterThanOrEqualTo(SubjectTree.CACHE_SWEEP_TARGET);
    }

    @Test
    void statsReportCountsAndFanoutOfCachedResults() {
        Sub p1 = new Sub("p1");
        Sub p2 = new Sub("p2");
        tree.insert("foo", null, p1);
        tree.insert("foo", null, p2);
        tree.insert("foo", "g", new Sub("g1"));
        tree.insert("foo", "g", new Sub("g2"));
        tree.insert("bar", null, p1);
        tree.insert("baz", null, p1);
        tree.remove("baz", null, p1);
        tree.match("foo"); // fanout 3: two plain, one group
        tree.match("bar"); // fanout 1
        tree.match("none"); // fanout 0
        tree.match("foo");

        SubjectTreeStats stats = tree.stats();

        assertThat(stats.numSubscriptions()).isEqualTo(5);
        assertThat(stats.numInserts()).isEqualTo(6);
        assertThat(stats.numRemoves()).isEqualTo(1);
        assertThat(stats.numMatches()).isEqualTo(4);
        assertThat(stats.cacheHitRate()).isEqualTo(0.25);
        assertThat(stats.numCache()).isEqualTo(3);
        assertThat(stats.maxFanout()).isEqualTo(3);
        assertThat(stats.avgFanout()).isCloseTo(4.0 / 3, within(1e-9));
    }
}
