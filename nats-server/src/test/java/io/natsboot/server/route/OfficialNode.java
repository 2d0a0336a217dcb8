package io.natsboot.server.route;

import io.natsboot.server.test.ChildProcesses;
import io.natsboot.server.conformance.NatsServerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An official {@code nats-server} process as a cluster member: loopback, random client, route and monitoring ports
 * (read back from its log), a fixed cluster name and optional seed routes. Skipped (or failed under {@code CI=true})
 * when the binary is not on the PATH.
 */
final class OfficialNode implements AutoCloseable {

    private static final Pattern CLIENT = Pattern.compile("Listening for client connections on [^ ]+:(\\d+)");
    private static final Pattern ROUTE = Pattern.compile("Listening for route connections on [^ ]+:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("Starting http monitor on [^ ]+:(\\d+)");
    private static final Pattern ID = Pattern.compile("\\s+ID:\\s+(N[A-Z0-9]{55})");
    private static final Pattern REMOTE_ID = Pattern.compile("\"remote_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path config;
    private final Thread killer;
    private final List<String> log = new ArrayList<>();
    private final CompletableFuture<Integer> clientPort = new CompletableFuture<>();
    private final CompletableFuture<Integer> routePort = new CompletableFuture<>();
    private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();
    private final CompletableFuture<String> serverId = new CompletableFuture<>();

    private OfficialNode(String name, String clusterName, List<String> routes, String clusterExtra)
            throws IOException {
        this.name = name;
        Path binary = NatsServerProcess.requireBinary();
        StringBuilder conf = new StringBuilder()
                .append("server_name: \"").append(name).append("\"\n")
                .append("host: \"127.0.0.1\"\nport: -1\nhttp_port: -1\n")
                .append("cluster {\n  name: \"").append(clusterName).append("\"\n")
                .append("  listen: \"127.0.0.1:-1\"\n")
                .append(clusterExtra);
        if (!routes.isEmpty()) {
            conf.append("  routes: [\n");
            for (String r : routes) {
                conf.append("    \"").append(r).append("\"\n");
            }
            conf.append("  ]\n");
        }
        conf.append("}\n");
        config = Files.createTempFile("nats-mixed-", ".conf");
        Files.writeString(config, conf.toString(), StandardCharsets.UTF_8);
        process = new ProcessBuilder(binary.toString(), "-D", "-c", config.toString())
                .redirectErrorStream(true).start();
        killer = new Thread(process::destroyForcibly, "nats-server-killer-" + name);
        Runtime.getRuntime().addShutdownHook(killer);
        Thread reader = new Thread(this::readLog, "nats-server-log-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            clientPort.get(10, TimeUnit.SECONDS);
            routePort.get(10, TimeUnit.SECONDS);
            httpPort.get(10, TimeUnit.SECONDS);
            serverId.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("nats-server " + name + " did not start: " + e + "\n" + log());
        }
    }

    /** Starts an official node in cluster {@code clusterName}, seeded with {@code routes} (may be empty). */
    static OfficialNode start(String name, String clusterName, List<String> routes) {
        try {
            return new OfficialNode(name, clusterName, routes, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #start(String, String, List)} with more lines for the cluster block (e.g. its authorization). */
    static OfficialNode start(String name, String clusterName, List<String> routes, String clusterExtra) {
        try {
            return new OfficialNode(name, clusterName, routes, clusterExtra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (log) {
                    log.add(line);
                }
                complete(CLIENT, line, clientPort);
                complete(ROUTE, line, routePort);
                complete(HTTP, line, httpPort);
                Matcher id = ID.matcher(line);
                if (id.find()) {
                    serverId.complete(id.group(1));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        IllegalStateException exited = new IllegalStateException("nats-server exited");
        clientPort.completeExceptionally(exited);
        routePort.completeExceptionally(exited);
        httpPort.completeExceptionally(exited);
        serverId.completeExceptionally(exited);
    }

    private static void complete(Pattern p, String line, CompletableFuture<Integer> port) {
        Matcher m = p.matcher(line);
        if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
        }
    }

    String name() {
        return name;
    }

    String serverId() {
        return serverId.join();
    }

    String clientUrl() {
        return "nats://127.0.0.1:" + clientPort.join();
    }

    String routeUrl() {
        return "nats-route://127.0.0.1:" + routePort.join();
    }

    /** The server ids of its routes' peers, from {@code /routez}. */
    Set<String> routePeerIds() {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = REMOTE_ID.matcher(monitor("/routez"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Like {@link #routePeerIds()} but one entry per route, so a duplicate route shows twice. */
    List<String> routePeerIdList() {
        List<String> ids = new ArrayList<>();
        Matcher m = REMOTE_ID.matcher(monitor("/routez"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    String monitor(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort.join() + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP_CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, killer, config);
    }
}
