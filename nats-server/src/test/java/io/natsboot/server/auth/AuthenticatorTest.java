package io.natsboot.server.auth;

import io.nats.client.NKey;
import io.natsboot.server.AuthUser;
import io.natsboot.server.NkeyUser;
import io.natsboot.server.Permissions;
import io.natsboot.server.ServerOptions;
import io.natsboot.server.protocol.ConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticatorTest {

    private static final String NONCE = "PDhvMULQpc7CvRE";

    private static ConnectOptions connect(String json) {
        return ConnectOptions.parse(json);
    }

    private static Authenticator of(ServerOptions o) {
        return new Authenticator(o);
    }

    @Test
    void withoutAuthorizationEveryoneIsIn() {
        Authenticator a = of(new ServerOptions());
        assertThat(a.isConfigured()).isFalse();
        assertThat(a.isRequired()).isFalse();
        assertThat(a.needsNonce()).isFalse();
        assertThat(a.authenticate(connect("{}"), null)).isPresent();
    }

    @Test
    void singleUserAndPassword() {
        ServerOptions o = new ServerOptions();
        o.getAuthorization().setUser("alice").setPassword("secret")
                .setDefaultPermissions(new Permissions().setPublish(new Permissions.SubjectPermission()));
        Authenticator a = of(o);
        assertThat(a.isRequired()).isTrue();
        Optional<Identity> ok = a.authenticate(connect("{\"user\":\"alice\",\"pass\":\"secret\"}"), null);
        assertThat(ok).isPresent();
        // nats-server gives the single user no permissions, even when the block has some
        assertThat(ok.get().permissions()).isNull();
        assertThat(a.authenticate(connect("{\"user\":\"alice\",\"pass\":\"wrong\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{\"user\":\"bob\",\"pass\":\"secret\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{\"user\":\"alice\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{}"), null)).isEmpty();
        assertThat(a.describeFailure(connect("{\"user\":\"x\"}"))).isEmpty();
    }

    @Test
    void token() {
        ServerOptions o = new ServerOptions();
        o.getAuthorization().setToken("s3cr3t");
        Authenticator a = of(o);
        assertThat(a.authenticate(connect("{\"auth_token\":\"s3cr3t\"}"), null)).isPresent();
        assertThat(a.authenticate(connect("{\"auth_token\":\"s3cr3\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{\"user\":\"s3cr3t\"}"), null)).isEmpty();
    }

    @Test
    void tokenMayBeBcrypt() {
        ServerOptions o = new ServerOptions();
        o.getAuthorization().setToken(BCrypt.hashpw("s3cr3t", BCrypt.gensalt(4)));
        Authenticator a = of(o);
        assertThat(a.authenticate(connect("{\"auth_token\":\"s3cr3t\"}"), null)).isPresent();
        assertThat(a.authenticate(connect("{\"auth_token\":\"nope\"}"), null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a$", "$2b$", "$2y$"})
    void usersWithBcryptPasswords(String prefix) {
        String hash = prefix + BCrypt.hashpw("pw", BCrypt.gensalt(4)).substring(4);
        Permissions own = new Permissions();
        Permissions defaults = new Permissions();
        ServerOptions o = new ServerOptions();
        o.getAuthorization().setDefaultPermissions(defaults);
        o.getAuthorization().getUsers().add(new AuthUser("alice", hash).setPermissions(own));
        o.getAuthorization().getUsers().add(new AuthUser("bob", "plain"));
        Authenticator a = of(o);

        Optional<Identity> alice = a.authenticate(connect("{\"user\":\"alice\",\"pass\":\"pw\"}"), null);
        assertThat(alice).get().extracting(Identity::name).isEqualTo("alice");
        assertThat(alice.get().permissions()).isSameAs(own);
        // the hash itself is not the password
        assertThat(a.authenticate(connect("{\"user\":\"alice\",\"pass\":\"" + hash + "\"}"), null)).isEmpty();

        Optional<Identity> bob = a.authenticate(connect("{\"user\":\"bob\",\"pass\":\"plain\"}"), null);
        assertThat(bob.get().permissions()).as("default permissions").isSameAs(defaults);
        assertThat(a.authenticate(connect("{\"user\":\"bob\",\"pass\":\"plan\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{\"user\":\"carol\",\"pass\":\"plain\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{}"), null)).isEmpty();
        assertThat(a.describeFailure(connect("{\"user\":\"carol\"}"))).isEqualTo(" - User \"carol\"");
    }

    @Test
    void noAuthUserStandsInForAClientWithoutCredentials() {
        Permissions bobs = new Permissions();
        ServerOptions o = new ServerOptions();
        o.getAuthorization().getUsers().add(new AuthUser("alice", "a"));
        o.getAuthorization().getUsers().add(new AuthUser("bob", "b").setPermissions(bobs));
        o.getAuthorization().setNoAuthUser("bob");
        Authenticator a = of(o);
        assertThat(a.isConfigured()).isTrue();
        assertThat(a.isRequired()).as("no auth_required in INFO, no auth timer").isFalse();
        assertThat(a.noAuthIdentity()).get().extracting(Identity::name).isEqualTo("bob");

        assertThat(a.authenticate(connect("{}"), null).get().permissions()).isSameAs(bobs);
        assertThat(a.authenticate(connect("{\"user\":\"alice\",\"pass\":\"a\"}"), null).get().name())
                .isEqualTo("alice");
        // credentials that are given must be right
        assertThat(a.authenticate(connect("{\"user\":\"alice\",\"pass\":\"x\"}"), null)).isEmpty();
        assertThat(a.authenticate(connect("{\"pass\":\"b\"}"), null)).isEmpty();
    }

    @Test
    void nkeyUsersSignTheNonce() throws Exception {
        NKey key = NKey.createUser(new SecureRandom());
        String pub = new String(key.getPublicKey());
        Permissions own = new Permissions();
        ServerOptions o = new ServerOptions();
        o.getAuthorization().getNkeys().add(new NkeyUser(pub).setPermissions(own));
        o.getAuthorization().getUsers().add(new AuthUser("bob", "pw"));
        Authenticator a = of(o);
        assertThat(a.needsNonce()).isTrue();

        byte[] sig = key.sign(NONCE.getBytes(StandardCharsets.UTF_8));
        for (String encoded : new String[] {
            Base64.getUrlEncoder().withoutPadding().encodeToString(sig),
            Base64.getUrlEncoder().encodeToString(sig),
            Base64.getEncoder().encodeToString(sig)}) {
            Optional<Identity> id = a.authenticate(nkeyConnect(pub, encoded), NONCE);
            assertThat(id).as(encoded).isPresent();
            assertThat(id.get().permissions()).isSameAs(own);
            assertThat(id.get().name()).isEqualTo(pub);
        }
        String good = Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertThat(a.authenticate(nkeyConnect(pub, good), "another nonce")).isEmpty();
        assertThat(a.authenticate(nkeyConnect(pub, ""), NONCE)).isEmpty();
        assertThat(a.authenticate(nkeyConnect(pub, "!!not base64!!"), NONCE)).isEmpty();
        String stranger = new String(NKey.createUser(new SecureRandom()).getPublicKey());
        assertThat(a.authenticate(nkeyConnect(stranger, good), NONCE)).isEmpty();
        assertThat(a.describeFailure(nkeyConnect(stranger, good))).isEqualTo(" - Nkey \"" + stranger + "\"");
        // without an nkey the users list still works
        assertThat(a.authenticate(connect("{\"user\":\"bob\",\"pass\":\"pw\"}"), NONCE)).isPresent();
        assertThat(a.describeFailure(connect("{\"user\":\"bob\"}"))).isEqualTo(" - Nkey \"\"");
    }

    private static ConnectOptions nkeyConnect(String nkey, String sig) {
        return connect("{\"nkey\":\"" + nkey + "\",\"sig\":\"" + sig + "\"}");
    }

    @Test
    void timeoutIsTheBlocksElseTheServersElseTlsPlusOne() {
        ServerOptions o = new ServerOptions();
        assertThat(Authenticator.timeout(o)).isEqualTo(Duration.ofSeconds(2));
        o.setAuthTimeout(Duration.ofSeconds(3));
        assertThat(Authenticator.timeout(o)).isEqualTo(Duration.ofSeconds(3));
        o.getTls().setCertFile("c.pem").setKeyFile("k.pem").setTimeout(Duration.ofMillis(1500));
        assertThat(Authenticator.timeout(o)).isEqualTo(Duration.ofMillis(2500));
        o.getAuthorization().setTimeout(Duration.ofMillis(700));
        assertThat(Authenticator.timeout(o)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void secretsCompareWholeStrings() {
        assertThat(Secrets.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(Secrets.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(Secrets.constantTimeEquals("abc", "ab")).isFalse();
        assertThat(Secrets.matches("", null)).isTrue();
        assertThat(Secrets.matches("$2a$bogus", "x")).as("a malformed hash matches nothing").isFalse();
    }

    @Test
    void noncesAreFifteenBase64UrlCharacters() {
        assertThat(Nonce.next()).matches("[A-Za-z0-9_-]{15}");
        assertThat(Nonce.next()).isNotEqualTo(Nonce.next());
    }
}
