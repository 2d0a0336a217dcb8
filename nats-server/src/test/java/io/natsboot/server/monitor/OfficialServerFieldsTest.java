package io.natsboot.server.monitor;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsboot.server.NatsServer;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the field names of natsboot's monitoring documents with those of the official {@code nats-server} binary
 * under the same traffic. Skipped when the binary is not on the PATH, except on CI ({@code CI=true}), where that
 * fails.
 */
class OfficialServerFieldsTest {

    /**
     * /varz fields nats-server has and natsboot deliberately leaves out: Go runtime facts, and features natsboot
     * does not have (HTTPS and a base path, gateways, leaf nodes, MQTT, websocket, JetStream, a system account).
     */
    static final Set<String> VARZ_NOT_IN_NATSBOOT = Set.of("go", "gomaxprocs", "http_base_path", "https_port",
            "gateway", "leaf", "mqtt", "websocket", "jetstream", "system_account");

    private static final Pattern CLIENT_PORT = Pattern.compile("Listening for client connections on .*:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("Starting http monitor on .*:(\\d+)");

    private static Process official;
    private static int officialClientPort;
    private static int officialHttpPort;
    private static NatsServer natsboot;
    private static final List<Connection> connections = new ArrayList<>();

    @BeforeAll
    static void startBoth() throws Exception {
        Path binary = findOnPath("nats-server");
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("nats-server is not on the PATH; CI must have it");
            }
            Assumptions.abort("nats-server is not on the PATH");
        }
        official = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", "-1", "-m", "-1")
                .redirectErrorStream(true).start();
        CompletableFuture<int[]> ports = new CompletableFuture<>();
        Thread reader = new Thread(() -> readPorts(official, ports), "nats-server-log");
        reader.setDaemon(true);
        reader.start();
        int[] p = ports.get(10, TimeUnit.SECONDS);
        officialClientPort = p[0];
        officialHttpPort = p[1];
        natsboot = TestServers.start(o -> o.setHttpPort(0));

        for (String url : List.of("nats://127.0.0.1:" + officialClientPort, natsboot.clientUrl())) {
            Connection nc = Nats.connect(new Options.Builder().server(url).connectionName("compat")
                    .connectionTimeout(Duration.ofSeconds(5)).build());
            connections.add(nc);
            nc.subscribe("compat.a");
            nc.subscribe("compat.*", "workers");
            nc.publish("compat.a", new byte[3]);
            nc.flush(Duration.ofSeconds(5));
        }
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (Connection nc : connections) {
            nc.close();
        }
        if (natsboot != null) {
            natsboot.shutdown();
        }
        if (official != null) {
            official.destroy();
            if (!official.waitFor(5, TimeUnit.SECONDS)) {
                official.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void varzHasNatsServerFieldsInItsOrderLessTheDocumentedOnes() {
        Map<String, Object> theirs = Http.json(officialHttpPort, "/varz");
        Map<String, Object> ours = Http.json(natsboot.httpPort(), "/varz");

        Set<String> missing = new LinkedHashSet<>(theirs.keySet());
        missing.removeAll(ours.keySet());
        assertThat(missing).as("nats-server /varz fields natsboot lacks").isEqualTo(VARZ_NOT_IN_NATSBOOT);
        assertThat(theirs.keySet()).as("natsboot fields unknown to nats-server").containsAll(ours.keySet());
        assertThat(new ArrayList<>(theirs.keySet())).containsSubsequence(new ArrayList<>(ours.keySet()));
        for (String same : List.of("version", "proto", "host", "max_connections", "ping_interval", "ping_max",
                "http_host", "auth_timeout", "max_control_line", "max_payload", "max_pending", "cluster",
                "tls_timeout", "write_deadline", "routes", "remotes", "leafnodes", "connections")) {
            assertThat(ours.get(same)).as(same).isEqualTo(theirs.get(same));
        }
    }

    @Test
    void connzDocumentsAndConnectionsHaveTheSameFields() {
        for (String query : List.of("/connz", "/connz?subs=1", "/connz?subs=detail")) {
            Map<String, Object> theirs = Http.json(officialHttpPort, query);
            Map<String, Object> ours = Http.json(natsboot.httpPort(), query);
            assertThat(ours.keySet()).as(query).containsExactlyElementsOf(theirs.keySet());
            Map<String, Object> theirConn = first(theirs, "connections");
            Map<String, Object> ourConn = first(ours, "connections");
            assertThat(ourConn.keySet()).as(query).containsExactlyElementsOf(theirConn.keySet());
            assertThat(ourConn.get("kind")).isEqualTo(theirConn.get("kind"));
            assertThat(ourConn.get("type")).isEqualTo(theirConn.get("type"));
            assertThat(ourConn.get("in_msgs")).isEqualTo(theirConn.get("in_msgs"));
            if (query.endsWith("detail")) {
                assertThat(first(ourConn, "subscriptions_list_detail").keySet())
                        .isSubsetOf(Set.of("subject", "qgroup", "sid", "msgs", "max", "cid"));
            }
        }
    }

    @Test
    void subszRoutezAndHealthzHaveTheSameFields() {
        for (String query : List.of("/subsz", "/subsz?subs=1&test=compat.a", "/routez", "/healthz")) {
            Map<String, Object> theirs = Http.json(officialHttpPort, query);
            Map<String, Object> ours = Http.json(natsboot.httpPort(), query);
            assertThat(ours.keySet()).as(query).containsExactlyElementsOf(theirs.keySet());
        }
        List<Map<String, Object>> theirs = list(Http.json(officialHttpPort, "/subsz?subs=1&test=compat.a"));
        List<Map<String, Object>> ours = list(Http.json(natsboot.httpPort(), "/subsz?subs=1&test=compat.a"));
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.size(); i++) {
            Map<String, Object> t = theirs.get(i);
            Map<String, Object> o = ours.stream().filter(m -> m.get("subject").equals(t.get("subject")))
                    .findFirst().orElseThrow();
            assertThat(o.keySet()).containsExactlyInAnyOrderElementsOf(t.keySet());
            assertThat(o.get("account")).isEqualTo(t.get("account"));
            assertThat(o.get("msgs")).isEqualTo(t.get("msgs"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> doc, String key) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) doc.get(key);
        assertThat(items).as(key).isNotEmpty();
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> subsz) {
        return (List<Map<String, Object>>) subsz.get("subscriptions_list");
    }

    private static void readPorts(Process process, CompletableFuture<int[]> ports) {
        int client = 0;
        int http = 0;
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = CLIENT_PORT.matcher(line);
                if (m.find()) {
                    client = Integer.parseInt(m.group(1));
                }
                m = HTTP_PORT.matcher(line);
                if (m.find()) {
                    http = Integer.parseInt(m.group(1));
                }
                if (line.contains("Server is ready")) {
                    ports.complete(new int[] {client, http});
                }
            }
        } catch (Exception e) {
            ports.completeExceptionally(e);
        }
        ports.completeExceptionally(new IllegalStateException("nats-server exited before it was ready"));
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
