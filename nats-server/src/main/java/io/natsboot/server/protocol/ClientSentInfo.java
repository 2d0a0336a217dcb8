package io.natsboot.server.protocol;

import io.natsboot.server.json.JsonException;

import java.util.Map;

/**
 * The INFO a client may send: nats-server ignores it, but only after decoding it against its INFO struct, so a
 * document with a field of the wrong type is a protocol violation.
 */
public final class ClientSentInfo {

    /** The fields of nats-server 2.9's INFO struct with their JSON types. */
    private static final Map<String, JsonFields.Kind> INFO_FIELDS = Map.ofEntries(
            Map.entry("server_id", JsonFields.Kind.STRING),
            Map.entry("server_name", JsonFields.Kind.STRING),
            Map.entry("version", JsonFields.Kind.STRING),
            Map.entry("proto", JsonFields.Kind.INT),
            Map.entry("git_commit", JsonFields.Kind.STRING),
            Map.entry("go", JsonFields.Kind.STRING),
            Map.entry("host", JsonFields.Kind.STRING),
            Map.entry("port", JsonFields.Kind.INT),
            Map.entry("headers", JsonFields.Kind.BOOL),
            Map.entry("auth_required", JsonFields.Kind.BOOL),
            Map.entry("tls_required", JsonFields.Kind.BOOL),
            Map.entry("tls_verify", JsonFields.Kind.BOOL),
            Map.entry("tls_available", JsonFields.Kind.BOOL),
            Map.entry("max_payload", JsonFields.Kind.INT32),
            Map.entry("jetstream", JsonFields.Kind.BOOL),
            Map.entry("ip", JsonFields.Kind.STRING),
            Map.entry("client_id", JsonFields.Kind.UINT64),
            Map.entry("client_ip", JsonFields.Kind.STRING),
            Map.entry("nonce", JsonFields.Kind.STRING),
            Map.entry("cluster", JsonFields.Kind.STRING),
            Map.entry("cluster_dynamic", JsonFields.Kind.BOOL),
            Map.entry("domain", JsonFields.Kind.STRING),
            Map.entry("connect_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("ws_connect_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("ldm", JsonFields.Kind.BOOL),
            Map.entry("import", JsonFields.Kind.PERMISSIONS),
            Map.entry("export", JsonFields.Kind.PERMISSIONS),
            Map.entry("lnoc", JsonFields.Kind.BOOL),
            Map.entry("info_on_connect", JsonFields.Kind.BOOL),
            Map.entry("connect_info", JsonFields.Kind.BOOL),
            Map.entry("gateway", JsonFields.Kind.STRING),
            Map.entry("gateway_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("gateway_url", JsonFields.Kind.STRING),
            Map.entry("gateway_cmd", JsonFields.Kind.BYTE),
            Map.entry("gateway_cmd_payload", JsonFields.Kind.BASE64),
            Map.entry("gateway_nrp", JsonFields.Kind.BOOL),
            Map.entry("leafnode_urls", JsonFields.Kind.STRING_LIST),
            Map.entry("remote_account", JsonFields.Kind.STRING));

    private ClientSentInfo() {
    }

    /** Decodes {@code json} as nats-server would, for its errors only. */
    public static void check(String json) throws JsonException {
        JsonFields.parse(json, INFO_FIELDS);
    }
}
