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

    /** Client port → reason, for every closed connection the server still remembers (the latest for a port). */
    static Map<Long, String> byPort(int httpPort) {
        Map<Long, String> reasons = new HashMap<>();
        for (Map<String, Object> conn : closed(httpPort)) {
            reasons.put(((Number) conn.get("port")).longValue(), String.valueOf(conn.get("reason")));
        }
        return reasons;
    }

    /** The reason of every closed connection the server still remembers, oldest first. */
    static List<String> all(int httpPort) {
        return closed(httpPort).stream().map(c -> String.valueOf(c.get("reason"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> closed(int httpPort) {
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
        Object list = JsonReader.parseObject(body).get("connections");
        return list instanceof List<?> connections ? (List<Map<String, Object>>) connections : List.of();
    }
}
