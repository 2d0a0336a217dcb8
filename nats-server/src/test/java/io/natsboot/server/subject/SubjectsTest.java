package io.natsboot.server.subject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "foo", "foo.bar", "FOO.Bar", "foo.*", "*", ">", "foo.>", "*.>", "*.*.*", "foo.*.bar", "_INBOX.abc.123",
        "foo*", "foo*.bar", "a>b", "foo.>bar", "foo.bar>", "**", ">>", "foo-bar_baz:1/2", "\u00e9t\u00e9.caf\u00e9",
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.0.1.2.3.4.5.6.7.8.9", "\u0000"
    })
    void validSubscribeSubjects(String subject) {
        assertThat(Subjects.isValidSubscribeSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ".", "..", "foo.", ".foo", "foo..bar", "foo.>.bar", ">.foo", ">.>", "foo.>.>", ">.*", "foo.*..bar",
        "foo bar", "foo\tbar", "foo\rbar", "foo\nbar", "foo\fbar", " foo", "foo ", "foo. ", " ", "foo.\t.bar"
    })
    void invalidSubscribeSubjects(String subject) {
        assertThat(Subjects.isValidSubscribeSubject(subject)).isFalse();
        assertThat(Subjects.isValidPublishSubject(subject)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "foo*", "a>b", "foo.bar*", ">foo.*bar", "_INBOX.x.y"})
    void validPublishSubjects(String subject) {
        assertThat(Subjects.isValidPublishSubject(subject)).isTrue();
        assertThat(Subjects.isLiteral(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo.*", "*", ">", "foo.>", "*.foo", "foo.*.bar"})
    void wildcardSubjectsAreNotPublishable(String subject) {
        assertThat(Subjects.isValidSubscribeSubject(subject)).isTrue();
        assertThat(Subjects.isValidPublishSubject(subject)).isFalse();
        assertThat(Subjects.isLiteral(subject)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"q", "workers", "v1.*", ">", "*", "a.b", "foo..bar", ".", "_sys_", "\u00e9"})
    void validQueueNames(String queue) {
        assertThat(Subjects.isValidQueueName(queue)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\tb", "q\r", "\nq", " ", "q\f"})
    void invalidQueueNames(String queue) {
        assertThat(Subjects.isValidQueueName(queue)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "_sys_, true",
        "_SYS_, false",
        "_sys, false",
        "sys, false",
    })
    void systemQueueGroupIsReserved(String queue, boolean reserved) {
        assertThat(Subjects.isReservedQueueName(queue)).isEqualTo(reserved);
    }

    @ParameterizedTest
    @CsvSource({
        "foo, foo, true",
        "foo, Foo, false",
        "foo, fo, false",
        "foo, fooo, false",
        "foo.bar, foo.bar, true",
        "foo.bar, foo.baz, false",
        "foo.bar, foo, false",
        "foo, foo.bar, false",
        "foo.bar, foo.*, true",
        "foo.bar, *.bar, true",
        "foo.bar, *.*, true",
        "foo.bar, *, false",
        "foo, *, true",
        "foo.bar.baz, foo.*, false",
        "foo.bar.baz, foo.*.baz, true",
        "foo.bar.baz, foo.*.bar, false",
        "foo, >, true",
        "foo.bar.baz, >, true",
        "foo.bar, foo.>, true",
        "foo.bar.baz, foo.>, true",
        "foo, foo.>, false",
        "foo.bar, *.>, true",
        "foo, *.>, false",
        "foo.bar.baz, *.bar.>, true",
        "foo.baz.baz, *.bar.>, false",
        "foo*, foo*, true",
        "foox, foo*, false",
        "foo.bar, foo.bar>, false",
        "foo.*, foo.*, true",
        "foo.*, foo.bar, false",
        "foo.>, foo.>, true",
        "a.b.c.d, a.*.c.>, true",
        "a.b.c, a.*.c.>, false",
    })
    void oneOffMatches(String literal, String pattern, boolean expected) {
        assertThat(Subjects.matches(literal, pattern)).isEqualTo(expected);
        assertThat(ReferenceMatcher.matches(literal, pattern)).as("reference agrees").isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'', foo", "foo, ''", "'', ''"})
    void emptySubjectsMatchNothing(String literal, String pattern) {
        assertThat(Subjects.matches(literal, pattern)).isFalse();
    }
}
