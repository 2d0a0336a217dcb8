package io.natsboot.server.protocol;

import io.natsboot.server.json.JsonException;

import java.util.Map;

/**
 * The fields of a client's CONNECT. Fields the client omits keep their previous value: nats-server's pre-CONNECT
 * defaults (verbose, pedantic and echo on) for the first CONNECT, the earlier CONNECT's values for a later one. Keys
 * match case-insensitively and a field of the wrong JSON type makes the whole CONNECT invalid, as in nats-server.
 */
public record ConnectOptions(
        boolean verbose,
        boolean pedantic,
        boolean tlsRequired,
        String authToken,
        String user,
        String pass,
        String name,
        String lang,
        String version,
        int protocol,
        boolean echo,
        boolean headers,
        boolean noResponders,
        String nkey,
        String sig,
        String jwt,
        boolean hasAccount) {

    /** What a client that has not sent CONNECT yet is assumed to want. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(true, true, false, null, null, null, "", "", "",
            0, true, false, false, null, null, null, false);

    /** The CONNECT fields nats-server decodes, with their types (the others are ignored). */
    private static final Map<String, JsonFields.Kind> FIELDS = Map.ofEntries(
            Map.entry("verbose", JsonFields.Kind.BOOL),
            Map.entry("pedantic", JsonFields.Kind.BOOL),
            Map.entry("tls_required", JsonFields.Kind.BOOL),
            Map.entry("echo", JsonFields.Kind.BOOL),
            Map.entry("headers", JsonFields.Kind.BOOL),
            Map.entry("no_responders", JsonFields.Kind.BOOL),
            Map.entry("new_account", JsonFields.Kind.BOOL),
            Map.entry("auth_token", JsonFields.Kind.STRING),
            Map.entry("user", JsonFields.Kind.STRING),
            Map.entry("pass", JsonFields.Kind.STRING),
            Map.entry("name", JsonFields.Kind.STRING),
            Map.entry("lang", JsonFields.Kind.STRING),
            Map.entry("version", JsonFields.Kind.STRING),
            Map.entry("nkey", JsonFields.Kind.STRING),
            Map.entry("sig", JsonFields.Kind.STRING),
            Map.entry("jwt", JsonFields.Kind.STRING),
            Map.entry("account", JsonFields.Kind.STRING),
            Map.entry("protocol", JsonFields.Kind.INT),
            Map.entry("import", JsonFields.Kind.PERMISSIONS),
            Map.entry("export", JsonFields.Kind.PERMISSIONS));

    /** A first CONNECT. @throws JsonException when the text is not a valid CONNECT document */
    public static ConnectOptions parse(String json) {
        return parse(json, DEFAULTS);
    }

    /**
     * A CONNECT applied on top of {@code base} (the options so far).
     *
     * @throws JsonException when the text is not a JSON object (or {@code null}) or a known field has the wrong type
     */
    public static ConnectOptions parse(String json, ConnectOptions base) {
        JsonFields f = JsonFields.parse(json, FIELDS);
        long protocol = f.integer("protocol", base.protocol());
        return new ConnectOptions(
                f.bool("verbose", base.verbose()),
                f.bool("pedantic", base.pedantic()),
                f.bool("tls_required", base.tlsRequired()),
                f.string("auth_token", base.authToken()),
                f.string("user", base.user()),
                f.string("pass", base.pass()),
                f.string("name", base.name()),
                f.string("lang", base.lang()),
                f.string("version", base.version()),
                // out of int range is as invalid as 2 (only 0 and 1 are accepted)
                protocol == (int) protocol ? (int) protocol : Integer.MAX_VALUE,
                f.bool("echo", base.echo()),
                f.bool("headers", base.headers()),
                f.bool("no_responders", base.noResponders()),
                f.string("nkey", base.nkey()),
                f.string("sig", base.sig()),
                f.string("jwt", base.jwt()),
                // nats-server refuses a CONNECT naming an account (or asking for a new one) with no accounts set up
                !f.string("account", "").isEmpty() || f.bool("new_account", false));
    }
}
