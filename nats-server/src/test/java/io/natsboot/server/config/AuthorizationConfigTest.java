package io.natsboot.server.config;

import io.nats.client.NKey;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code authorization { users, permissions }}, {@code no_auth_user} and their checks, as nats-server reads them. */
class AuthorizationConfigTest {

    static final String NKEY = newUserKey();

    static String newUserKey() {
        try {
            return new String(NKey.createUser(new SecureRandom()).getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerOptions apply(String text) {
        ServerOptions options = new ServerOptions();
        assertThat(ConfigFileOptions.apply(new ConfigParser().parse(text, "f.conf", Path.of(".")), options)).isEmpty();
        return options;
    }

    @Test
    void usersWithPasswordsNkeysAndPermissions() {
        ServerOptions o = apply("""
                authorization {
                  default_permissions: { subscribe: "public.>" }
                  users: [
                    { user: alice, password: "$2a$04$abcdefghijklmnopqrstuu5Yw8hXy0oX0WkGv6u0p1Q2l7bq0r1tC",
                      permissions: { publish: { allow: ["ok.>", "x"], deny: "ok.bad" }, sub: ["ok.*"],
                                     allow_responses: true } }
                    { username: bob, pass: pw }
                    { nkey: %s, permissions: { pub: "n.>", allow_responses: { max: 3, expires: "1m" } } }
                    { user: carol }
                  ]
                  timeout: 1.5
                }
                no_auth_user: bob
                """.formatted(NKEY));
        ServerOptions.Authorization auth = o.getAuthorization();
        assertThat(auth.getTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(auth.getNoAuthUser()).isEqualTo("bob");
        assertThat(auth.getDefaultPermissions().getSubscribe().getAllow()).containsExactly("public.>");
        assertThat(auth.getDefaultPermissions().getPublish()).isNull();
        assertThat(auth.getUsers()).extracting(AuthUser::getUser).containsExactly("alice", "bob", "carol");
        assertThat(auth.getUsers().get(2).getPassword()).isEmpty();

        Permissions alice = auth.getUsers().get(0).getPermissions();
        assertThat(alice.getPublish().getAllow()).containsExactly("ok.>", "x");
        assertThat(alice.getPublish().getDeny()).containsExactly("ok.bad");
        assertThat(alice.getSubscribe().getAllow()).containsExactly("ok.*");
        assertThat(alice.getSubscribe().getDeny()).isEmpty();
        assertThat(alice.getResponse().getMaxMsgs()).isEqualTo(1);
        assertThat(alice.getResponse().getExpires()).isEqualTo(Duration.ofMinutes(2));
        assertThat(auth.getUsers().get(1).getPermissions()).as("bob has the defaults, applied later").isNull();

        NkeyUser n = auth.getNkeys().get(0);
        assertThat(n.getNkey()).isEqualTo(NKEY);
        assertThat(n.getPermissions().getPublish().getAllow()).containsExactly("n.>");
        assertThat(n.getPermissions().getResponse().getMaxMsgs()).isEqualTo(3);
        assertThat(n.getPermissions().getResponse().getExpires()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void allowResponsesAloneLeavesAnEmptyPublishList() {
        Permissions p = apply("authorization { users: [ {user: a, password: b, permissions: "
                + "{ allow_responses: true, subscribe: { deny: [\"x\", \"y z\"] } } } ] }")
                .getAuthorization().getUsers().get(0).getPermissions();
        assertThat(p.getPublish()).isNotNull();
        assertThat(p.getPublish().getAllow()).isEmpty();
        assertThat(p.getSubscribe().getDeny()).containsExactly("x", "y z");
        assertThat(p.getResponse()).isNotNull();
    }

    @Test
    void permissionsAliasesAndFalseResponses() {
        Permissions p = apply("authorization { permissions: { import: a, export: [b], allow_responses: false }, "
                + "users: [ {user: u, password: p} ] }").getAuthorization().getDefaultPermissions();
        assertThat(p.getPublish().getAllow()).containsExactly("a");
        assertThat(p.getSubscribe().getAllow()).containsExactly("b");
        assertThat(p.getResponse()).isNull();
        assertThat(p.getPublish()).isNotNull();
    }

    @Test
    void clusterAuthorizationTimeoutIsStored() {
        ServerOptions o = apply("cluster { port: -1, authorization { user: r, password: p, timeout: 3 } }");
        assertThat(o.getCluster().getAuthTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.getCluster().getUser()).isEqualTo("r");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("authorization { user: a, password: b, users: [{user: c, password: d}] }",
                        "f.conf:1:1: Can not have a single user/pass and a users array"),
                arguments("authorization { token: t, users: [{user: c, password: d}] }",
                        "f.conf:1:1: Can not have a token and a users array"),
                arguments("authorization { users: [{user: c, password: d}, {user: c, password: e}] }",
                        "f.conf:1:1: Duplicate user \"c\" detected"),
                arguments("authorization { users: [{nkey: UABC}] }",
                        "f.conf:1:25: Not a valid public nkey for a user"),
                arguments("authorization { users: [{nkey: " + NKEY + "}, {nkey: " + NKEY + "}] }",
                        "f.conf:1:1: Duplicate nkey \"" + NKEY + "\" detected"),
                arguments("authorization { users: [{nkey: " + NKEY + ", user: x}] }",
                        "f.conf:1:25: Nkey users do not take usernames or passwords"),
                arguments("authorization { users: [{password: d}] }", "f.conf:1:25: User entry requires a user"),
                arguments("authorization { users: [{user: c, bogus: 1}] }", "f.conf:1:35: unknown field \"bogus\""),
                arguments("authorization { users: {user: c} }",
                        "f.conf:1:17: Expected users field to be an array, got a map"),
                arguments("authorization { users: [c] }",
                        "f.conf:1:25: Expected user entry to be a map/struct, got the string \"c\""),
                arguments("authorization { users: [{user: c, permissions: {pubx: a}}] }",
                        "f.conf:1:49: Unknown field \"pubx\" parsing permissions"),
                arguments("authorization { users: [{user: c, permissions: {publish: {alloww: a}}}] }",
                        "f.conf:1:59: Unknown field name \"alloww\" parsing subject permissions, only 'allow' or "
                                + "'deny' are permitted"),
                arguments("authorization { permissions: {publish: {allow: \"a..b\"}} }",
                        "f.conf:1:41: subject \"a..b\" is not a valid subject"),
                arguments("authorization { permissions: {publish: [1]} }",
                        "f.conf:1:41: Subject in permissions array cannot be cast to string"),
                arguments("authorization { permissions: {publish: 5} }",
                        "f.conf:1:31: Expected subject permissions to be a subject, or array of subjects, got "
                                + "the integer 5"),
                arguments("authorization { permissions: {allow_responses: {expires: \"zz\"}} }",
                        "f.conf:1:49: error parsing expires: time: invalid duration \"zz\""),
                arguments("authorization { permissions: {allow_responses: 5} }",
                        "f.conf:1:31: error parsing response permissions, expected a boolean or a map"),
                arguments("authorization { permissions: 5 }",
                        "f.conf:1:17: Expected permissions to be a map/struct, got the integer 5"),
                arguments("cluster { authorization { user: a, password: b, users: [] } }",
                        "f.conf:1:49: Cluster authorization does not allow multiple users"),
                arguments("cluster { authorization { permissions: { import: a } } }",
                        "f.conf:1:27: field \"permissions\" is not supported by natsboot yet"),
                arguments("authorization { users: [{user: c, clients: [STANDARD]}] }",
                        "f.conf:1:35: field \"clients\" is not supported by natsboot yet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesLikeNatsServer(String text, String message) {
        assertThatThrownBy(() -> apply(text)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
