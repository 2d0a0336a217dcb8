package io.natsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;

/**
 * Gives the seeds a node dials the cluster's route credentials ({@code nats.server.cluster.auth.*}) when they carry
 * none of their own. nats-server only sends what a route URL holds; every node of a Spring cluster shares one set of
 * route credentials, so asking for them twice (property and every seed URL) would only invite mistakes.
 */
final class RouteCredentials {

    private final String user;

    private final String password;

    RouteCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** The seed URL with the credentials added, unless it has its own. */
    String seed(String url) {
        RouteUrl parsed = RouteUrl.parse(url);
        if (parsed.user() != null) {
            return url;
        }
        return "nats-route://" + encode(this.user) + ":" + encode(this.password) + "@" + parsed.hostPort();
    }

    /** A discovery whose seeds carry the credentials unless they have their own. */
    RouteDiscovery discovery(RouteDiscovery discovery) {
        return new CredentialedDiscovery(discovery, this);
    }

    RouteUrl seed(RouteUrl url) {
        return (url.user() != null) ? url : new RouteUrl(url.host(), url.port(), this.user, this.password);
    }

    /** Percent-encodes all but unreserved characters, which URI's user info decoding reverses. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            }
            else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private record CredentialedDiscovery(RouteDiscovery delegate, RouteCredentials credentials)
            implements RouteDiscovery {

        @Override
        public List<RouteUrl> seeds() throws Exception {
            return this.delegate.seeds().stream().map(this.credentials::seed).toList();
        }

        @Override
        public Duration refreshInterval() {
            return this.delegate.refreshInterval();
        }

        @Override
        public String toString() {
            return this.delegate.toString();
        }

    }

}
