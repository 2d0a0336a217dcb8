package io.natsboot.server.hardening;

import io.natsboot.server.json.JsonReader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code /connz?state=closed} over HTTP, as an operator would: the closed reason by client port. */
final class ClosedReasons {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ClosedReasons() {
    }

    /** Client port → reason, for every closed connection the server still remembers. */
    @SuppressWarnings("unchecked")
    static Map<Long, String> byPort(int httpPort) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/connz?state=closed&limit=100000"))
                .timeout(Duration.ofSeconds(20)).GET().build();
        String body;
        try {
            body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("GET /connz?state=closed failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        Map<String, Object> connz = JsonReader.parseObject(body);
        Map<Long, String> reasons = new HashMap<>();
        Object list = connz.get("connections");
        if (list instanceof List<?> connections) {
            for (Object c : connections) {
                Map<String, Object> conn = (Map<String, Object>) c;
                reasons.put(((Number) conn.get("port")).longValue(), String.valueOf(conn.get("reason")));
            }
        }
        return reasons;
    }
}
