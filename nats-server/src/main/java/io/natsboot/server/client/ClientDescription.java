package io.natsboot.server.client;

import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.protocol.GoQuote;

import java.nio.charset.StandardCharsets;

/**
 * What a client's CONNECT adds to its log prefix in nats-server: {@code "v<version>:<lang>:<name>"} with the parts it
 * did not send left out (and their colons), Go-quoted; empty when it sent none of them.
 */
final class ClientDescription {

    private ClientDescription() {
    }

    static String of(ConnectOptions opts) {
        String version = orEmpty(opts.version());
        String lang = orEmpty(opts.lang());
        String name = orEmpty(opts.name());
        String said = version.isEmpty() ? "" : "v" + version;
        if (!lang.isEmpty()) {
            said = said.isEmpty() ? lang : said + ":" + lang;
        }
        if (!name.isEmpty()) {
            said = said.isEmpty() ? name : said + ":" + name;
        }
        if (said.isEmpty()) {
            return "";
        }
        return GoQuote.quote(new String(said.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
