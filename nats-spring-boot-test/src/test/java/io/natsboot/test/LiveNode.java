package io.natsboot.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

/** A running node of cluster "live", outside any Spring context: the cluster a test must not join. */
final class LiveNode implements AutoCloseable {

    private static final Pattern NUM_ROUTES = Pattern.compile("\"num_routes\"\\s*:\\s*(\\d+)");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final NatsServer server;

    private LiveNode(NatsServer server) {
        this.server = server;
    }

    static LiveNode start() {
        ServerOptions options = new ServerOptions().setHost("127.0.0.1").setPort(0).setHttpPort(0)
            .setServerName("live-1");
        options.getCluster().setName("live").setHost("127.0.0.1").setPort(0);
        NatsServer server = new NatsServer(options);
        server.start();
        return new LiveNode(server);
    }

    int clusterPort() {
        return this.server.clusterPort();
    }

    int clientPort() {
        return this.server.port();
    }

    String clientUrl() {
        return this.server.clientUrl();
    }

    /** Routes as the node's {@code /routez} counts them. */
    int numRoutes() throws Exception {
        String routez = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.httpPort()
                + "/routez")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = NUM_ROUTES.matcher(routez);
        if (!matcher.find()) {
            throw new IllegalStateException("no num_routes in /routez: " + routez);
        }
        return Integer.parseInt(matcher.group(1));
    }

    @Override
    public void close() {
        this.server.shutdown();
    }

}
