package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.boot.diagnostics.InvalidNatsSslBundleException;
import io.natsboot.boot.diagnostics.InvalidNatsSslBundleFailureAnalyzer;
import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code nats.server.auth.*}, {@code nats.server.tls.*}, {@code nats.server.cluster.auth/tls.*} and
 * {@code nats.client.tls.bundle} bind onto the engine's options and jnats, and every refused combination, named by
 * its property. Nothing here starts a node.
 */
class NatsSecurityPropertiesTests {

    private static final String NKEY = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";

    @TempDir
    static Path certDir;

    static TestCertificates certs;

    /** Binds the properties only, with Boot's SSL bundles. */
    private final ApplicationContextRunner binding = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
        .withUserConfiguration(Binding.class);

    /** The real auto-configuration: failures at bean creation, before the node would start. */
    private final ApplicationContextRunner autoConfig = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NatsServerAutoConfiguration.class,
                NatsClientAutoConfiguration.class))
        .withPropertyValues("nats.server.port=0", "nats.server.host=127.0.0.1");

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(certDir);
    }

    @Test
    void singleUserAndTimeout() {
        options((options) -> {
            ServerOptions.Authorization auth = options.getAuthorization();
            assertThat(auth.getUser()).isEqualTo("app");
            assertThat(auth.getPassword()).isEqualTo("s3cret");
            assertThat(auth.getToken()).isNull();
            assertThat(auth.getTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(auth.getDefaultPermissions()).isNull();
            assertThat(auth.isConfigured()).isTrue();
        }, "nats.server.auth.user=app", "nats.server.auth.password=s3cret", "nats.server.auth.timeout=1500ms");
    }

    @Test
    void token() {
        options((options) -> {
            assertThat(options.getAuthorization().getToken()).isEqualTo("t0ken");
            assertThat(options.getAuthorization().getUser()).isNull();
        }, "nats.server.auth.token=t0ken");
    }

    @Test
    void nothingSetMeansNoAuthorizationAndNoTls() {
        options((options) -> {
            assertThat(options.getAuthorization().isConfigured()).isFalse();
            assertThat(options.getAuthorization().getTimeout()).isNull();
            assertThat(options.getAuthorization().getNoAuthUser()).isNull();
            assertThat(options.getTls().isConfigured()).isFalse();
            assertThat(options.getCluster().getTls().isConfigured()).isFalse();
            assertThat(options.getCluster().getUser()).isNull();
        });
    }

    @Test
    void usersWithPasswordsNkeysPermissionsAndNoAuthUser() {
        options((options) -> {
            ServerOptions.Authorization auth = options.getAuthorization();
            assertThat(auth.getUsers()).extracting(AuthUser::getUser).containsExactly("alice", "bob");
            AuthUser alice = auth.getUsers().get(0);
            assertThat(alice.getPassword()).isEqualTo("$2a$11$abcdefghijklmnopqrstuu5Xq9x4hXw0c2iKJvJ3rYj2Zt3p7HrWS");
            Permissions permissions = alice.getPermissions();
            assertThat(permissions.getPublish().getAllow()).containsExactly("orders.>", "_INBOX.>");
            assertThat(permissions.getPublish().getDeny()).containsExactly("orders.secret");
            assertThat(permissions.getSubscribe().getAllow()).containsExactly("replies.*");
            assertThat(permissions.getSubscribe().getDeny()).isEmpty();
            assertThat(permissions.getResponse()).isNull();
            AuthUser bob = auth.getUsers().get(1);
            assertThat(bob.getPassword()).isEqualTo("plain");
            assertThat(bob.getPermissions()).as("bob has none of his own: the defaults apply").isNull();
            assertThat(auth.getNkeys()).singleElement().satisfies((nkey) -> {
                assertThat(nkey.getNkey()).isEqualTo(NKEY);
                assertThat(nkey.getPermissions().getPublish()).isNull();
                assertThat(nkey.getPermissions().getSubscribe().getAllow()).containsExactly("requests.>");
                assertThat(nkey.getPermissions().getResponse().getMaxMsgs()).isEqualTo(3);
                assertThat(nkey.getPermissions().getResponse().getExpires()).isEqualTo(Duration.ofSeconds(30));
            });
            Permissions defaults = auth.getDefaultPermissions();
            assertThat(defaults.getPublish().getDeny()).containsExactly("admin.>");
            assertThat(defaults.getSubscribe()).isNull();
            assertThat(defaults.getResponse().getMaxMsgs()).isEqualTo(Permissions.DEFAULT_RESPONSE_MAX_MSGS);
            assertThat(defaults.getResponse().getExpires()).isEqualTo(Permissions.DEFAULT_RESPONSE_EXPIRES);
            assertThat(auth.getNoAuthUser()).isEqualTo("bob");
        }, "nats.server.auth.users[0].user=alice",
                "nats.server.auth.users[0].password=$2a$11$abcdefghijklmnopqrstuu5Xq9x4hXw0c2iKJvJ3rYj2Zt3p7HrWS",
                "nats.server.auth.users[0].permissions.publish.allow=orders.>, _INBOX.>",
                "nats.server.auth.users[0].permissions.publish.deny=orders.secret",
                "nats.server.auth.users[0].permissions.subscribe.allow=replies.*",
                "nats.server.auth.users[1].user=bob", "nats.server.auth.users[1].password=plain",
                "nats.server.auth.users[2].nkey=" + NKEY,
                "nats.server.auth.users[2].permissions.subscribe.allow=requests.>",
                "nats.server.auth.users[2].permissions.allow-responses.max-msgs=3",
                "nats.server.auth.users[2].permissions.allow-responses.expires=30s",
                "nats.server.auth.default-permissions.publish.deny=admin.>",
                "nats.server.auth.default-permissions.allow-responses.enabled=true",
                "nats.server.auth.no-auth-user=bob");
    }

    @Test
    void allowResponsesCanBeSwitchedOffExplicitly() {
        options((options) -> assertThat(options.getAuthorization().getDefaultPermissions()).isNull(),
                "nats.server.auth.token=t", "nats.server.auth.default-permissions.allow-responses.enabled=false",
                "nats.server.auth.default-permissions.allow-responses.max-msgs=5");
    }

    @Test
    void noAuthUserMayNameAnNkey() {
        options((options) -> assertThat(options.getAuthorization().getNoAuthUser()).isEqualTo(NKEY),
                "nats.server.auth.users[0].nkey=" + NKEY, "nats.server.auth.no-auth-user=" + NKEY);
    }

    @Test
    void routeAuthAddsCredentialsToSeedsWithoutTheirOwn() throws Exception {
        options((options) -> {
            ServerOptions.Cluster cluster = options.getCluster();
            assertThat(cluster.getUser()).isEqualTo("route");
            assertThat(cluster.getPassword()).isEqualTo("p@ss:w/rd");
            assertThat(cluster.getAuthTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(cluster.getRoutes()).hasSize(2);
            RouteUrl seed = RouteUrl.parse(cluster.getRoutes().get(0));
            assertThat(seed.user()).isEqualTo("route");
            assertThat(seed.password()).isEqualTo("p@ss:w/rd");
            assertThat(seed.hostPort()).isEqualTo("10.0.0.5:6222");
            assertThat(cluster.getRoutes().get(1)).isEqualTo("nats-route://other:pw@10.0.0.6:6222");
            assertThat(cluster.getDiscovery()).singleElement().satisfies((discovery) -> {
                assertThat(discovery.toString()).contains("headless.example");
            });
        }, "nats.server.cluster.port=0", "nats.server.cluster.auth.user=route",
                "nats.server.cluster.auth.password=p@ss:w/rd", "nats.server.cluster.auth.timeout=3s",
                "nats.server.cluster.routes=nats-route://10.0.0.5:6222,nats-route://other:pw@10.0.0.6:6222",
                "nats.server.cluster.discovery.dns=headless.example");
    }

    @Test
    void routeCredentialsReachDiscoveredSeeds() throws Exception {
        RouteCredentials credentials = new RouteCredentials("u", "p");
        RouteDiscovery discovery = credentials.discovery(
                () -> List.of(new RouteUrl("10.0.0.7", 6222, null, null), new RouteUrl("10.0.0.8", 6222, "x", "y")));
        assertThat(discovery.seeds()).containsExactly(new RouteUrl("10.0.0.7", 6222, "u", "p"),
                new RouteUrl("10.0.0.8", 6222, "x", "y"));
    }

    @Test
    void tlsBundlesMapOntoServerAndRouteTls() {
        String[] properties = concat(certs.bundle("node", "node"), "spring.ssl.bundle.pem.node.options.enabled-protocols=TLSv1.3",
                "spring.ssl.bundle.pem.node.options.ciphers=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384",
                "nats.server.tls.bundle=node", "nats.server.tls.verify=true", "nats.server.tls.timeout=5s",
                "nats.server.tls.allow-non-tls=true", "nats.server.cluster.port=0",
                "nats.server.cluster.tls.bundle=node", "nats.server.cluster.tls.timeout=4s");
        options((options) -> {
            TlsOptions tls = options.getTls();
            assertThat(tls.isConfigured()).isTrue();
            assertThat(tls.getKeyManagerFactory()).isNotNull();
            assertThat(tls.getTrustManagerFactory()).isNotNull();
            assertThat(tls.isVerify()).isTrue();
            assertThat(tls.isAllowNonTls()).isTrue();
            assertThat(tls.getTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(tls.getProtocols()).containsExactly("TLSv1.3");
            assertThat(tls.getCiphers()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
            TlsOptions route = options.getCluster().getTls();
            assertThat(route.isConfigured()).isTrue();
            assertThat(route.getTrustManagerFactory()).isNotNull();
            assertThat(route.getTimeout()).isEqualTo(Duration.ofSeconds(4));
            assertThat(route.isVerify()).isFalse();
        }, properties);
    }

    @Test
    void clientTlsBundleBecomesTheConnectionsSslContext() {
        this.binding.withPropertyValues(certs.trustOnly("servers"))
            .withPropertyValues("nats.client.tls.bundle=servers", "nats.client.servers=nats://127.0.0.1:1")
            .run((context) -> {
                PropertiesNatsConnectionDetails details = new NatsClientAutoConfiguration().natsConnectionDetails(
                        context.getBean(NatsClientProperties.class), context.getBeanProvider(EmbeddedNatsServer.class),
                        context.getBeanProvider(SslBundles.class));
                assertThat(details.getSslBundle()).isSameAs(context.getBean(SslBundles.class).getBundle("servers"));
                assertThat(NatsClientAutoConfiguration
                    .optionsBuilder(details, context.getBean(NatsClientProperties.class), context.getEnvironment())
                    .build()
                    .getSslContext()).isNotNull();
            });
    }

    @Test
    void readmeYamlExampleBinds() {
        String yaml = """
                spring:
                  ssl:
                    bundle:
                      pem:
                        nats:
                          keystore:
                            certificate: %s
                            private-key: %s
                          truststore:
                            certificate: %s
                          options:
                            enabled-protocols: TLSv1.3
                nats:
                  server:
                    auth:
                      timeout: 2s
                      users:
                        - user: orders
                          password: "$2a$11$HRGdH72b2yP5sKmuIOeKhOlrZqexijol.c6Vo5qOwNrCUR.lLyaHS"
                          permissions:
                            publish.allow: ["orders.>", "_INBOX.>"]
                            subscribe.allow: ["orders.>", "_INBOX.>"]
                        - user: billing
                          password: ${BILLING_PASSWORD:b1lling}
                          permissions:
                            subscribe.allow: ["orders.*"]
                            allow-responses: { max-msgs: 1, expires: 2m }
                        - nkey: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4
                      default-permissions:
                        publish.deny: ["admin.>"]
                      no-auth-user: billing
                    tls:
                      bundle: nats
                      verify: true
                    cluster:
                      name: orders
                      port: 6222
                      routes: [nats-route://10.0.0.5:6222]
                      auth: { user: route, password: "${ROUTE_PASSWORD:r0ute}" }
                      tls: { bundle: nats }
                """.formatted((Object[]) Arrays.stream(certs.bundle("x", "node")).map(NatsSecurityPropertiesTests::value)
            .toArray(String[]::new));
        this.binding.withInitializer((context) -> {
            try {
                new YamlPropertySourceLoader()
                    .load("readme", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
                    .forEach(context.getEnvironment().getPropertySources()::addFirst);
            }
            catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
        }).run((context) -> {
            assertThat(context).hasNotFailed();
            ServerOptions options = NatsServerAutoConfiguration.serverOptions(
                    context.getBean(NatsServerProperties.class), context.getBean(SslBundles.class));
            ServerOptions.Authorization auth = options.getAuthorization();
            assertThat(auth.getTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(auth.getUsers()).extracting(AuthUser::getUser).containsExactly("orders", "billing");
            assertThat(auth.getUsers().get(0).getPermissions().getSubscribe().getAllow())
                .containsExactly("orders.>", "_INBOX.>");
            assertThat(auth.getUsers().get(1).getPassword()).isEqualTo("b1lling");
            assertThat(auth.getUsers().get(1).getPermissions().getResponse().getExpires())
                .isEqualTo(Duration.ofMinutes(2));
            assertThat(auth.getNkeys()).hasSize(1);
            assertThat(auth.getDefaultPermissions().getPublish().getDeny()).containsExactly("admin.>");
            assertThat(auth.getNoAuthUser()).isEqualTo("billing");
            assertThat(options.getTls().isVerify()).isTrue();
            assertThat(options.getTls().getProtocols()).containsExactly("TLSv1.3");
            assertThat(options.getCluster().getTls().getKeyManagerFactory()).isNotNull();
            assertThat(RouteUrl.parse(options.getCluster().getRoutes().get(0)).user()).isEqualTo("route");
        });
    }

    @Test
    void embeddedClientDefaultsTakeOnlyWhatCanBeSentBack() throws Exception {
        ServerOptions options = new ServerOptions();
        options.getAuthorization().setUser("app").setPassword("pw");
        assertThat(EmbeddedClientDefaults.of(options)).isEqualTo(new EmbeddedClientDefaults("app", "pw", null, null));
        options.getAuthorization().setPassword("$2a$11$HRGdH72b2yP5sKmuIOeKhOlrZqexijol.c6Vo5qOwNrCUR.lLyaHS");
        assertThat(EmbeddedClientDefaults.of(options).user()).as("a bcrypt hash cannot log in").isNull();
        options = new ServerOptions();
        options.getAuthorization().setToken("t");
        assertThat(EmbeddedClientDefaults.of(options).token()).isEqualTo("t");
        options.getAuthorization().setToken("$2b$10$abcdefghijklmnopqrstuu5Xq9x4hXw0c2iKJvJ3rYj2Zt3p7HrWS");
        assertThat(EmbeddedClientDefaults.of(options).token()).isNull();
        options = new ServerOptions();
        assertThat(EmbeddedClientDefaults.of(options).sslBundle()).isNull();
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory
            .getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(null, null);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory
            .getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        options.getTls().setKeyManagerFactory(kmf).setTrustManagerFactory(tmf);
        assertThat(EmbeddedClientDefaults.of(options).sslBundle().createSslContext()).isNotNull();
    }

    @Test
    void clientsOwnCredentialsAndExplicitServersWinOverTheEmbeddedNodes() {
        EmbeddedClientDefaults node = new EmbeddedClientDefaults("app", "pw", null, null);
        NatsClientProperties properties = new NatsClientProperties();
        PropertiesNatsConnectionDetails details = new PropertiesNatsConnectionDetails(properties,
                () -> "nats://127.0.0.1:4222", null, () -> node);
        assertThat(details.getUser()).isEqualTo("app");
        assertThat(details.getPassword()).isEqualTo("pw");
        properties.setToken("mine");
        assertThat(details.getUser()).isNull();
        assertThat(details.getToken()).isEqualTo("mine");
        properties.setToken(null);
        properties.setServers(List.of("nats://elsewhere:4222"));
        assertThat(details.getUser()).isNull();
        assertThat(details.getSslBundle()).isNull();
    }

    // --- refused at start-up, naming the property

    @Test
    void tokenWithUserIsRefused() {
        refused("nats.server.auth.token", "Cannot have a user/pass and token", "nats.server.auth.user=a",
                "nats.server.auth.password=b", "nats.server.auth.token=t");
    }

    @Test
    void tokenWithUsersIsRefused() {
        refused("nats.server.auth.token", "Can not have a token and a users array", "nats.server.auth.token=t",
                "nats.server.auth.users[0].user=a", "nats.server.auth.users[0].password=b");
    }

    @Test
    void singleUserWithUsersIsRefused() {
        refused("nats.server.auth.users", "Can not have a single user/pass and a users array",
                "nats.server.auth.user=a", "nats.server.auth.password=b", "nats.server.auth.users[0].user=c",
                "nats.server.auth.users[0].password=d");
    }

    @Test
    void singleUserWithoutPasswordIsRefused() {
        refused("nats.server.auth.password", "must be set together", "nats.server.auth.user=a");
        refused("nats.server.auth.user", "must be set together", "nats.server.auth.password=a");
    }

    @Test
    void usersEntryWithoutPasswordOrNkeyIsRefused() {
        refused("nats.server.auth.users[1].password", "needs a password", "nats.server.auth.users[0].user=a",
                "nats.server.auth.users[0].password=b", "nats.server.auth.users[1].user=c");
        refused("nats.server.auth.users[0].user", "User entry requires a user", "nats.server.auth.users[0].password=b");
    }

    @Test
    void nkeyWithPasswordOrMalformedIsRefused() {
        refused("nats.server.auth.users[0].nkey", "Nkey users do not take usernames or passwords",
                "nats.server.auth.users[0].nkey=" + NKEY, "nats.server.auth.users[0].password=b");
        refused("nats.server.auth.users[0].nkey", "Not a valid public nkey for a user",
                "nats.server.auth.users[0].nkey=SUAKYRHVIOREXV7EUZTBHUHL7NUMHPMAS7QMDU3GTIUWEI5LDNOXD43IZY");
    }

    @Test
    void noAuthUserNotAmongUsersIsRefused() {
        refused("nats.server.auth.no-auth-user", "not present as user", "nats.server.auth.users[0].user=a",
                "nats.server.auth.users[0].password=b", "nats.server.auth.no-auth-user=x");
        refused("nats.server.auth.no-auth-user", "users are not defined", "nats.server.auth.no-auth-user=x");
    }

    @Test
    void badAllowResponsesAndTimeoutsAreRefused() {
        refused("nats.server.auth.users[0].permissions.allow-responses.max-msgs", "must be positive",
                "nats.server.auth.users[0].user=a", "nats.server.auth.users[0].password=b",
                "nats.server.auth.users[0].permissions.allow-responses.max-msgs=0");
        refused("nats.server.auth.timeout", "must be positive", "nats.server.auth.token=t",
                "nats.server.auth.timeout=0s");
    }

    @Test
    void routeUserWithoutPasswordIsRefused() {
        refused("nats.server.cluster.auth.password", "needs both", "nats.server.cluster.port=0",
                "nats.server.cluster.auth.user=r");
    }

    @Test
    void unknownServerBundleIsRefusedNamingTheProperty() {
        bundleRefused("nats.server.tls.bundle", "does not exist", concat(certs.bundle("node", "node"),
                "nats.server.tls.bundle=missing"));
    }

    @Test
    void unknownRouteBundleIsRefusedNamingTheProperty() {
        bundleRefused("nats.server.cluster.tls.bundle", "does not exist",
                "nats.server.cluster.port=0", "nats.server.cluster.tls.bundle=missing");
    }

    @Test
    void unknownClientBundleIsRefusedNamingTheProperty() {
        bundleRefused("nats.client.tls.bundle", "does not exist", "nats.client.tls.bundle=missing");
    }

    @Test
    void serverBundleWithoutKeyIsRefused() {
        bundleRefused("nats.server.tls.bundle", "has no key store",
                concat(certs.trustOnly("trust"), "nats.server.tls.bundle=trust"));
    }

    @Test
    void verifyWithoutTrustStoreIsRefused() {
        String prefix = "spring.ssl.bundle.pem.keyonly.keystore.";
        String[] bundle = certs.bundle("x", "node");
        refused("nats.server.tls.verify", "trust store", prefix + "certificate=" + value(bundle[0]),
                prefix + "private-key=" + value(bundle[1]), "nats.server.tls.bundle=keyonly",
                "nats.server.tls.verify=true");
    }

    @Test
    void bundleFailureAnalyzerIsRegistered() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            .load(FailureAnalyzer.class, null, (type, name, failure) -> {
                // Boot's own analyzers want constructor arguments; only ours matters here
            })).hasAtLeastOneElementOfType(InvalidNatsSslBundleFailureAnalyzer.class);
    }

    private void options(Consumer<ServerOptions> assertions, String... properties) {
        this.binding.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasNotFailed();
            assertions.accept(NatsServerAutoConfiguration.serverOptions(context.getBean(NatsServerProperties.class),
                    context.getBean(SslBundles.class)));
        });
    }

    private void refused(String property, String reason, String... properties) {
        this.autoConfig.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException cause = cause(context,
                    InvalidConfigurationPropertyValueException.class);
            assertThat(cause.getName()).isEqualTo(property);
            assertThat(cause.getMessage()).contains(property).contains(reason);
        });
    }

    private void bundleRefused(String property, String reason, String... properties) {
        this.autoConfig.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            InvalidNatsSslBundleException cause = cause(context, InvalidNatsSslBundleException.class);
            assertThat(cause.getProperty()).isEqualTo(property);
            assertThat(cause.getMessage()).contains(property).contains(reason);
            FailureAnalysis analysis = new InvalidNatsSslBundleFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(property);
            assertThat(analysis.getAction()).contains(property).contains("spring.ssl.bundle.pem.");
        });
    }

    private static <T extends Throwable> T cause(AssertableApplicationContext context, Class<T> type) {
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + context.getStartupFailure());
    }

    private static String value(String property) {
        return property.substring(property.indexOf('=') + 1);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ NatsServerProperties.class, NatsClientProperties.class })
    static class Binding {

    }

}
