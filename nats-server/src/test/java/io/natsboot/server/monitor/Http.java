package io.natsboot.server.monitor;

import io.natsboot.server.json.JsonReader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for monitoring tests: GET (or any method) a path on a port, read the body as JSON. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String contentType, String body, HttpResponse<String> raw) {

        Map<String, Object> json() {
            return JsonReader.parseObject(body);
        }
    }

    private Http() {
    }

    static Response get(int port, String pathAndQuery) {
        return send(port, "GET", pathAndQuery);
    }

    static Map<String, Object> json(int port, String pathAndQuery) {
        Response r = get(port, pathAndQuery);
        if (r.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " → " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    static Response send(int port, String method, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
