package io.natsboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three demo application contexts in one JVM form a cluster; each one's {@code /actuator/nats}, read over HTTP,
 * shows the other two, and its selectors serve nats-server's connections, routes and subscriptions documents.
 */
class DemoClusterActuatorTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        for (int i = this.nodes.size() - 1; i >= 0; i--) {
            this.nodes.get(i).close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void threeNodesSeeEachOtherOverTheActuator() throws Exception {
        ConfigurableApplicationContext a = start("node-a", null);
        int seed = a.getEnvironment().getProperty("local.nats.server.cluster-port", Integer.class);
        start("node-b", seed);
        start("node-c", seed);
        List<String> names = List.of("node-a", "node-b", "node-c");

        for (ConfigurableApplicationContext node : this.nodes) {
            String self = node.getBean(EmbeddedNatsServer.class).getServer().serverName();
            Set<String> others = new HashSet<>(names);
            others.remove(self);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Map<String, Object> nats = get(node, "/actuator/nats");
                assertThat(nats).containsEntry("serverName", self).containsEntry("port",
                        (long) node.getBean(EmbeddedNatsServer.class).getServer().port());
                Map<String, Object> cluster = (Map<String, Object>) nats.get("cluster");
                assertThat(cluster).containsEntry("name", "demo");
                List<Map<String, Object>> routes = (List<Map<String, Object>>) cluster.get("routes");
                assertThat(routes).extracting((route) -> route.get("remoteName"))
                    .containsExactlyInAnyOrderElementsOf(others);
                assertThat((List<String>) cluster.get("clientUrls")).hasSize(3);
            });

            Map<String, Object> routez = get(node, "/actuator/nats/routes");
            assertThat(routez).containsEntry("server_id",
                    node.getBean(EmbeddedNatsServer.class).getServer().serverId())
                .containsEntry("num_routes", 2L);
            assertThat((List<Map<String, Object>>) routez.get("routes")).allSatisfy(
                    (route) -> assertThat(route).containsKeys("rid", "remote_id", "did_solicit", "ip", "port"));

            Map<String, Object> connz = get(node, "/actuator/nats/connections?subs=1");
            assertThat((Long) connz.get("num_connections")).isGreaterThanOrEqualTo(1L);
            List<Map<String, Object>> connections = (List<Map<String, Object>>) connz.get("connections");
            assertThat(connections).anySatisfy((c) -> assertThat((List<String>) c.get("subscriptions_list"))
                .contains("orders.new", "prices.quote"));

            Map<String, Object> subsz = get(node, "/actuator/nats/subscriptions");
            assertThat((Long) subsz.get("num_subscriptions")).isGreaterThanOrEqualTo(2L);
            assertThat((List<Map<String, Object>>) subsz.get("subscriptions_list"))
                .extracting((s) -> s.get("subject"))
                .contains("orders.new", "prices.quote");
            Map<String, Object> tested = get(node, "/actuator/nats/subscriptions?test=orders.new");
            assertThat((List<Map<String, Object>>) tested.get("subscriptions_list"))
                .extracting((s) -> s.get("subject"), (s) -> s.get("qgroup"))
                .containsOnly(org.assertj.core.groups.Tuple.tuple("orders.new", "billing"));

            assertThat(status(node, "/actuator/nats/nothing")).isEqualTo(404);
            assertThat(status(node, "/actuator/nats/connections?sort=nope")).isEqualTo(400);
        }
    }

    private ConfigurableApplicationContext start(String name, Integer seed) {
        // command-line arguments, as application.yml outranks default properties
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--nats.server.port=0", "--nats.server.host=127.0.0.1", "--nats.server.cluster.port=0",
                "--nats.server.name=" + name));
        if (seed != null) {
            args.add("--nats.server.cluster.routes=nats-route://127.0.0.1:" + seed);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
            .run(args.toArray(String[]::new));
        this.nodes.add(context);
        return context;
    }

    private Map<String, Object> get(ConfigurableApplicationContext node, String path) throws Exception {
        HttpResponse<String> response = send(node, path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JsonReader.parseObject(response.body());
    }

    private int status(ConfigurableApplicationContext node, String path) throws Exception {
        return send(node, path).statusCode();
    }

    private HttpResponse<String> send(ConfigurableApplicationContext node, String path) throws Exception {
        int port = node.getEnvironment().getProperty("local.server.port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
