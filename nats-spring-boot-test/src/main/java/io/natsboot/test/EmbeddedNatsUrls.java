package io.natsboot.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * {@code local.nats.server.url} and {@code local.nats.cluster.urls}, worked out when asked: the application's node
 * publishes its port ({@code local.nats.server.port}) only once it has bound it.
 */
final class EmbeddedNatsUrls extends PropertySource<EmbeddedNatsNodes> {

    static final String SERVER_URL = "local.nats.server.url";

    static final String CLUSTER_URLS = "local.nats.cluster.urls";

    private final Environment environment;

    EmbeddedNatsUrls(Environment environment, EmbeddedNatsNodes others) {
        super("embeddedNatsUrls", others);
        this.environment = environment;
    }

    @Override
    public @Nullable Object getProperty(String name) {
        if (!SERVER_URL.equals(name) && !CLUSTER_URLS.equals(name)) {
            return null;
        }
        String port = this.environment.getProperty("local.nats.server.port");
        if (port == null) {
            return null;
        }
        String url = "nats://127.0.0.1:" + port;
        if (SERVER_URL.equals(name)) {
            return url;
        }
        List<String> urls = new ArrayList<>();
        urls.add(url);
        urls.addAll(getSource().clientUrls());
        return String.join(",", urls);
    }

}
