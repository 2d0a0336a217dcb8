package io.natsboot.server.auth;

import io.natsboot.server.options.Permissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts of compiled permissions, table by table. The expected values were checked against nats-server 2.9.10
 * with the same lists in a config file (see the branch report); the odd-looking queue rows are its behaviour.
 */
class PermissionRulesTest {

    private static Permissions.SubjectPermission lists(String allow, String deny) {
        Permissions.SubjectPermission p = new Permissions.SubjectPermission();
        p.getAllow().addAll(split(allow));
        p.getDeny().addAll(split(deny));
        return p;
    }

    private static List<String> split(String entries) {
        return entries == null || entries.isBlank() ? List.of() : List.of(entries.split(";"));
    }

    private static PermissionRules publish(String allow, String deny) {
        return PermissionRules.compile(new Permissions().setPublish(lists(allow, deny)));
    }

    private static PermissionRules subscribe(String allow, String deny) {
        return PermissionRules.compile(new Permissions().setSubscribe(lists(allow, deny)));
    }

    @ParameterizedTest(name = "publish {2} with allow [{0}] deny [{1}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                  | -              | foo          | true
            foo                | -              | foo          | true
            foo                | -              | bar          | false
            foo.*              | -              | foo.bar      | true
            foo.*              | -              | foo.bar.baz  | false
            foo.>              | -              | foo.bar.baz  | true
            foo.>              | -              | foo          | false
            >                  | -              | anything.at.all | true
            foo.>              | foo.secret     | foo.secret   | false
            foo.>              | foo.secret     | foo.public   | true
            -                  | foo.*          | foo.x        | false
            -                  | foo.*          | foo.x.y      | true
            -                  | foo.*          | bar          | true
            foo.>              | -              | foo.*        | true
            foo.*              | -              | foo.>        | true
            foo.bar            | -              | foo.*        | false
            foo.>              | -              | foo..x       | false
            a;b;c.*            | c.d            | b            | true
            a;b;c.*            | c.d            | c.d          | false
            a;b;c.*            | c.d            | c.e          | true
            """)
    void publishVerdicts(String allow, String deny, String subject, boolean expected) {
        assertThat(publish(allow, deny).publishAllowed(subject)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "sub {2} queue {3} with allow [{0}] deny [{1}] -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                  | -              | foo      | -     | true
            >                  | sec.>          | sec.x    | -     | false
            >                  | sec.>          | sec.>    | -     | false
            >                  | sec.>          | sec.*    | q     | false
            >                  | sec.>          | >        | -     | true
            >                  | sec.>          | foo      | -     | true
            >                  | qq q1          | qq       | q1    | false
            >                  | qq q1          | qq       | q2    | true
            >                  | qq q1          | qq       | -     | true
            >                  | qw.* q.*       | qw.x     | q.a   | false
            >                  | qw.* q.*       | qw.x     | qb    | true
            >                  | qw.* q.*       | qw.x     | -     | true
            >                  | -              | x..y     | -     | false
            only.* grp;plain   | -              | only.x   | grp   | true
            only.* grp;plain   | -              | only.x   | -     | false
            only.* grp;plain   | -              | only.x   | other | false
            only.* grp;plain   | -              | plain    | -     | true
            only.* grp;plain   | -              | plain    | grp   | true
            only.* grp;plain   | -              | only.*   | grp   | true
            only.* grp;plain   | -              | only.>   | grp   | true
            >;foo q1           | -              | foo      | q2    | false
            >;foo q1           | -              | foo      | q1    | true
            -                  | foo;foo q1     | foo      | q2    | true
            -                  | foo;foo q1     | foo      | q1    | false
            -                  | foo;foo q1     | foo      | -     | false
            svc.>              | -              | svc.a    | -     | true
            svc.>              | -              | other    | -     | false
            -                  | a b c          | a        | b     | true
            """)
    void subscribeVerdicts(String allow, String deny, String subject, String queue, boolean expected) {
        assertThat(subscribe(allow, deny).subscribeAllowed(subject, queue)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "deliver {1} with sub deny [{0}] -> denied {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sec.>          | sec.x       | true
            sec.>          | sec.y.z     | true
            sec.>          | foo         | false
            sec.>;qq q1    | qq          | false
            foo.*          | foo.bar     | true
            foo.*          | foo.bar.baz | false
            """)
    void deliveryVerdicts(String deny, String subject, boolean denied) {
        assertThat(subscribe(null, deny).deliveryDenied(subject)).isEqualTo(denied);
    }

    @ParameterizedTest(name = "allow_responses with publish allow [{0}] deny [{1}]: publish {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -        | -     | anything | false
            -        | nope  | other    | false
            foo      | -     | foo      | true
            foo      | -     | bar      | false
            """)
    void responsesTurnAnAbsentPublishAllowListIntoNothing(String allow, String deny, String subject,
                                                           boolean expected) {
        PermissionRules rules = PermissionRules.compile(new Permissions().setPublish(lists(allow, deny))
                .setResponse(new Permissions.ResponsePermission()));
        assertThat(rules.restrictsPublish()).isTrue();
        assertThat(rules.publishAllowed(subject)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "max {0} expires {1}ms -> max {2} expires {3}ms")
    @CsvSource(delimiter = '|', textBlock = """
            1  | 120000 | 1  | 120000
            0  | 0      | 1  | 120000
            5  | 1000   | 5  | 1000
            -1 | -1     | -1 | -1
            """)
    void responseDefaults(int max, long expiresMillis, int expectedMax, long expectedExpiresMillis) {
        PermissionRules rules = PermissionRules.compile(new Permissions().setResponse(
                new Permissions.ResponsePermission().setMaxMsgs(max).setExpires(Duration.ofMillis(expiresMillis))));
        assertThat(rules.responseMaxMsgs()).isEqualTo(expectedMax);
        assertThat(rules.responseExpiresNanos()).isEqualTo(Duration.ofMillis(expectedExpiresMillis).toNanos());
    }

    @Test
    void nothingSetRestrictsNothing() {
        assertThat(PermissionRules.compile(new Permissions()).isUnrestricted()).isTrue();
        assertThat(PermissionRules.compile(new Permissions().setPublish(lists(null, null))
                .setSubscribe(lists(null, null))).isUnrestricted()).isTrue();
        assertThat(PermissionGuard.of(new Permissions())).isNull();
        assertThat(PermissionGuard.of(null)).isNull();
        assertThat(subscribe(null, "x").restrictsPublish()).isFalse();
        assertThat(subscribe(null, "x").publishAllowed("x")).isTrue();
    }

    @Test
    void compiledOncePerPermissionsInstance() {
        Permissions p = new Permissions().setPublish(lists("a", null));
        assertThat(PermissionRules.of(p)).isSameAs(PermissionRules.of(p));
        assertThat(PermissionRules.of(new Permissions().setPublish(lists("a", null))))
                .isNotSameAs(PermissionRules.of(p));
    }
}
