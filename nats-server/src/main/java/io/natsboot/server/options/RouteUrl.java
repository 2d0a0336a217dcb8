package io.natsboot.server.options;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A route URL as nats-server takes it: {@code nats-route://[user:pass@]host:port} (also {@code nats://}).
 *
 * @param host     host name or address
 * @param port     the peer's cluster port
 * @param user     route credentials from the URL, or {@code null}
 * @param password its password, or {@code null}
 */
public record RouteUrl(String host, int port, String user, String password) {

    /** @throws IllegalArgumentException naming the URL and what is wrong with it */
    public static RouteUrl parse(String url) {
        String text = url.trim();
        if (!text.contains("://")) {
            text = "nats-route://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid route URL \"" + url + "\": " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (!"nats-route".equals(scheme) && !"nats".equals(scheme) && !"route".equals(scheme)) {
            throw new IllegalArgumentException("invalid route URL \"" + url + "\": scheme must be nats-route://");
        }
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("invalid route URL \"" + url + "\": host and port are required");
        }
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? null : info.substring(colon + 1);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RouteUrl(host, uri.getPort(), user, password);
    }

    /** {@code host:port}, the form used to compare URLs. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "nats-route://" + hostPort();
    }
}
