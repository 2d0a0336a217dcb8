package io.natsboot.bench.load;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --security}: the option, the config file each profile writes (read back by natsboot's own config reader),
 * and, against the official nats-server, that the file really secures the server and that the generator's clients
 * get in and run the scenarios.
 */
class SecurityProfileTest {

    @Test
    void parsesTheOption() {
        assertThat(LoadConfig.parse().security).isEqualTo(SecurityProfile.NONE);
        assertThat(LoadConfig.parse("--security", "perms").security).isEqualTo(SecurityProfile.PERMS);
        assertThat(LoadConfig.parse("--security=TLS").security).isEqualTo(SecurityProfile.TLS);
        assertThat(LoadConfig.parse("--security", "auth", "--url", "nats://127.0.0.1:4222").security)
                .isEqualTo(SecurityProfile.AUTH);
        assertThatThrownBy(() -> LoadConfig.parse("--security", "nkeys")).hasMessageContaining("none, auth, perms, tls");
        assertThatThrownBy(() -> LoadConfig.parse("--security")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> LoadConfig.parse("--security", "tls", "--url", "nats://127.0.0.1:4222"))
                .hasMessageContaining("servers the generator starts");
        assertThatThrownBy(() -> LoadConfig.parse("--security", "tls", "--nats-server-url", "nats://127.0.0.1:1"))
                .hasMessageContaining("servers the generator starts");
    }

    @Test
    void noneAddsNothing() {
        SecuritySetup s = SecuritySetup.prepare(SecurityProfile.NONE);
        assertThat(s.serverArgs()).isEmpty();
        assertThat(s.describe()).isNull();
        Options o = s.applyTo(new Options.Builder()).server("nats://127.0.0.1:4222").build();
        assertThat(o.getUsernameChars()).isNull();
        assertThat(o.getSslContext()).isNull();
    }

    @Test
    void eachConfigFileReadsBackAsItsProfile() {
        try (SecuritySetup auth = SecuritySetup.prepare(SecurityProfile.AUTH)) {
            ServerOptions o = auth.applyTo(new ServerOptions());
            assertThat(auth.serverArgs()).containsExactly("-c", auth.configFile().toString());
            assertThat(o.getAuthorization().getUsers()).extracting(AuthUser::getUser).containsExactly("bench");
            assertThat(o.getAuthorization().getUsers().get(0).getPermissions()).isNull();
            assertThat(o.getTls().isConfigured()).isFalse();
        }
        try (SecuritySetup perms = SecuritySetup.prepare(SecurityProfile.PERMS)) {
            ServerOptions o = perms.applyTo(new ServerOptions());
            AuthUser user = o.getAuthorization().getUsers().get(0);
            assertThat(user.getPassword()).isEqualTo("bench");
            Permissions p = user.getPermissions();
            assertThat(p.getPublish().getAllow()).containsExactly("bench.>", "_INBOX.>");
            assertThat(p.getPublish().getDeny()).containsExactly("bench.secret.>");
            assertThat(p.getSubscribe().getAllow()).containsExactly("bench.>", "_INBOX.>");
            assertThat(p.getSubscribe().getDeny()).containsExactly("bench.secret.>");
        }
        Path dir;
        try (SecuritySetup tls = SecuritySetup.prepare(SecurityProfile.TLS)) {
            dir = tls.configFile().getParent();
            ServerOptions o = tls.applyTo(new ServerOptions());
            assertThat(o.getTls().getCertFile()).isEqualTo(dir.resolve("server-cert.pem").toString());
            assertThat(o.getTls().getKeyFile()).isEqualTo(dir.resolve("server-key.pem").toString());
            assertThat(o.getAuthorization().isConfigured()).isFalse();
            Options client = tls.applyTo(new Options.Builder()).server("nats://127.0.0.1:4222").build();
            assertThat(client.getSslContext()).isNotNull();
            assertThat(client.getUsernameChars()).isNull();
        }
        assertThat(Files.exists(dir)).as("the key and certificates are deleted").isFalse();
    }

    @Test
    void thePermsFileSecuresNatsServerAndTheGeneratorsClientsGetIn() throws Exception {
        Path binary = natsServer();
        try (SecuritySetup perms = SecuritySetup.prepare(SecurityProfile.PERMS)) {
            ProcessServerTarget server = ProcessServerTarget.natsServer(binary.toString(), perms.serverArgs());
            try (server) {
                String url = server.start();
                Options anonymous = new Options.Builder().server(url).noReconnect()
                        .errorListener(new ErrorListener() { }).build();
                assertThatThrownBy(() -> Nats.connect(anonymous).close()).isInstanceOf(IOException.class);

                CompletableFuture<String> firstError = new CompletableFuture<>();
                Options bench = perms.applyTo(new Options.Builder()).server(url).noReconnect()
                        .errorListener(new ErrorListener() {
                            @Override
                            public void errorOccurred(Connection conn, String error) {
                                firstError.complete(error);
                            }
                        }).build();
                try (Connection c = Nats.connect(bench)) {
                    Subscription sub = c.subscribe("bench.x");
                    c.publish("bench.secret.x", new byte[1]);
                    c.publish("bench.x", new byte[1]);
                    Message m = sub.nextMessage(Duration.ofSeconds(10));
                    assertThat(m).isNotNull();
                    assertThat(firstError.get(10, TimeUnit.SECONDS)).containsIgnoringCase("Permissions Violation for Publish to")
                            .contains("bench.secret.x");
                }
            }
        }
    }

    @Test
    void scenariosRunOnSecuredNatsServersIncludingAClusterAndAnEmbeddedNatsboot() {
        natsServer();
        for (String profile : List.of("perms", "tls")) {
            LoadConfig config = LoadConfig.parse("--targets", "natsboot,nats-server", "--natsboot-mode", "embedded",
                    "--security", profile, "--messages", "200", "--no-warmup", "--sizes", "16",
                    "--scenarios", "pub,pubsub,reqreply,cluster-pubsub", "--stall-timeout", "5", "--quiet");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Report report = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> new LoadGenerator(config, print(out), print(new ByteArrayOutputStream())).run());
            String text = out.toString(StandardCharsets.UTF_8);
            System.out.println(text);
            assertThat(text).contains("Security: " + profile + ": ");
            assertThat(report.target(LoadConfig.NATS_SERVER).started()).isTrue();
            assertThat(report.target(LoadConfig.NATSBOOT).started()).isTrue();
            assertThat(report.cluster(LoadConfig.NATS_SERVER).started()).isTrue();
            for (Scenario s : List.of(Scenario.PUB, Scenario.PUBSUB, Scenario.REQREPLY)) {
                for (String target : List.of(LoadConfig.NATSBOOT, LoadConfig.NATS_SERVER)) {
                    RunResult r = report.result(target, s, 16);
                    assertThat(r.ok()).as("%s %s %s: %s", profile, target, s, r.failure).isTrue();
                }
            }
            RunResult cluster = report.result(LoadConfig.NATS_SERVER, Scenario.CLUSTER_PUBSUB, 16);
            assertThat(cluster.ok()).as("%s cluster: %s", profile, cluster.failure).isTrue();
            assertThat(config.secured.configFile()).doesNotExist();
        }
    }

    private static Path natsServer() {
        Path binary = Targets.onPath("nats-server");
        if (binary == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("nats-server is not on the PATH; it is required on CI");
            }
            assumeTrue(false, "nats-server is not on the PATH");
        }
        return binary;
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
