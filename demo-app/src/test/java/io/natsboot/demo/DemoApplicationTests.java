package io.natsboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;

import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "nats.server.port=0", "nats.server.cluster.port=0", "nats.server.host=127.0.0.1" })
class DemoApplicationTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    EmbeddedNatsServer embedded;

    @Test
    void orderIsHandledByThisNode() throws Exception {
        HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"order-42\",\"item\":\"apple\",\"quantity\":3}")));
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(posted.body()).contains("order-42");
        int natsPort = embedded.getServer().port();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> handled = send(HttpRequest.newBuilder(uri("/handled")).GET());
            assertThat(handled.statusCode()).isEqualTo(200);
            assertThat(handled.body()).contains("\"id\":\"order-42\"")
                .contains("\"node\":\"" + embedded.getServer().serverName() + "\"")
                .contains("\"natsPort\":" + natsPort);
        });
    }

    @Test
    void quoteGoesThroughRequestReply() throws Exception {
        HttpResponse<String> quote = send(HttpRequest.newBuilder(uri("/quote?item=apple")).GET());
        assertThat(quote.statusCode()).isEqualTo(200);
        assertThat(quote.body()).contains("\"item\":\"apple\"").contains("\"price\":2.25")
            .contains("\"quotedBy\":\"" + embedded.getServer().serverName() + "\"");
    }

    @Test
    void actuatorExposesHealthAndNats() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> nats = send(HttpRequest.newBuilder(uri("/actuator/nats")).GET());
        assertThat(nats.statusCode()).isEqualTo(200);
        assertThat(nats.body()).contains(embedded.getServer().serverId()).contains("\"transport\":\"in-process\"");
    }

    @Test
    void theAppsListenersAreInProcessAndServeTcpClientsToo() throws Exception {
        // the application's own connection skips the socket
        assertThat(embedded.getServer().clients()).anySatisfy((c) -> assertThat(c.inProcess()).isTrue());
        try (Connection outside = Nats.connect(embedded.getClientUrl())) {
            Message reply = outside.request("prices.quote", "apple".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(10));
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("\"price\":2.25");
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
