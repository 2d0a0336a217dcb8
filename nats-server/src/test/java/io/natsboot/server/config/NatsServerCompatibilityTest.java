package io.natsboot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsboot.server.options.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * natsboot and the real nats-server ({@code nats-server -c f -t}) agree on which config files are valid. Skipped
 * when the binary is absent (unless CI=true).
 */
class NatsServerCompatibilityTest {

    private static final Map<String, String> ENV = Map.of("COMPAT_PORT", "4555");
    private static Path binary;

    @TempDir
    Path dir;

    @BeforeAll
    static void findBinary() {
        binary = NatsServerBinary.require();
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("compat.conf"), text.replace("|", "\n"));
    }

    /** Lines separated by {@code |}. */
    @ParameterizedTest
    @ValueSource(strings = {
        "port: 4222|max_payload: 1k|max_pending: 1KB",
        "max_pending: 1MiB|max_payload: 1Mi",
        "max_control_line: 2kb|max_connections: 1K",
        "port 4222|host = 127.0.0.1|server_name 'single'",
        "{|  \"port\": 4222,|  \"debug\": true|}",
        "# comment|// comment|port: 4222 # trailing|debug: Yes; trace: off",
        "server_name (|  block|)",
        "listen: 4999",
        "listen: :4998",
        "listen: \"[::1]:4997\"",
        "http: localhost:8555",
        "http_port: -1|port: -1",
        "monitor_port: 8556",
        "P = 4555|port: $P",
        "port: $COMPAT_PORT",
        "U = bob|authorization { user: $U, password: x }",
        "authorization {|  username: u|  pass: p|  timeout: 0.5|}",
        "authorization { token: \"abc\", timeout: \"3s\" }",
        "ping_interval: \"2s\"|write_deadline: 1h30m|ping_max: 4",
        "lame_duck_duration: \"45s\"|lame_duck_grace_period: \"5s\"",
        "logfile: /tmp/x.log|pidfile: /tmp/x.pid|ports_file_dir: /tmp",
        "max_conn: 5|max_subs: 5|trace_verbose: true|no_header_support: true",
        "logtime: false|client_advertise: \"x:4222\"",
        "cluster {|  name: c1|  listen: 127.0.0.1:6333|  routes: [|    nats://a:1|    \"nats://b:2\",|  ]|}",
        "cluster { port: -1, cluster_advertise: \"x:1\", no_advertise: true, connect_retries: 3 }",
        "cluster { host: 127.0.0.1, port: 6334, authorization { user: a, password: b, timeout: 2 } }",
        "authorization { users: [ {user: a, password: \"$2a$04$abcdefghijklmnopqrstuu5Yw8hXy0oX0WkGv6u0p1Q2l7bq0r1tC\"}"
                + ", {user: b, password: c, permissions: {publish: {allow: [\"x.>\"], deny: y}, sub: \"z.*\"}}"
                + ", {nkey: UD27X2EDJOLMLD7P4VUVSJDMIEH3XAPGYOOKNPGL4FBKL3QZUDKWTEAX} ] }|no_auth_user: b",
        "authorization {|  default_permissions { pub: a, sub: [b, \"c q\"], allow_responses: {max: 2, "
                + "expires: \"1m\"} }|  users: [ {user: u} ]|}",
        "authorization { permissions { import: a, export: b, allow_responses: true }, users: [] }",
        "no_auth_user: nobody"
    })
    void bothAccept(String text) throws Exception {
        Path file = write(text);
        NatsServerBinary.Check real = NatsServerBinary.check(binary, file, ENV);
        assertThat(real.exitCode()).as("nats-server: " + real.output()).isZero();

        ServerOptions o = new ServerOptions();
        List<String> warnings = ConfigFileOptions.load(file, o, new ConfigParser(ENV::get));
        ConfigFileOptions.validate(o);
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "port: 4222|max_payloadz: 10",
        "authorization {|  user: a|  bogus: 1|}",
        "cluster {|  port: 1|  foo: 2|}",
        "cluster { user: x }",
        "cluster { pool_size: 3 }",
        "http_host: 127.0.0.1",
        "UNUSED = 1",
        "port: 4222 max_payload: 5",
        "server_name: foo bar",
        "port:|5",
        "authorization {|  user: x",
        "server_name: \"a\\ub\"",
        "server_name: $NOT_DEFINED_ANYWHERE",
        "port: $P|P = 5",
        "port: \"abc\"",
        "debug: maybe",
        "debug: 1",
        "debug: \"true\"",
        "max_payload: 1.5",
        "max_payload: 1b",
        "max_payload: 5GB",
        "listen: localhost",
        "cluster { listen: \"-1\" }",
        "ping_interval: \"xx\"",
        "ping_interval: 1.5",
        "lame_duck_duration: 40",
        "lame_duck_duration: \"1s\"",
        "authorization { token: abc, user: x }",
        "cluster { port: 6333, authorization { token: x } }",
        "cluster { routes: \"nats://a:1\" }",
        "ping_interval: 5",
        "write_deadline: 3",
        "authorization { user: a, password: b, users: [{user: c, password: d}] }",
        "authorization { token: t, users: [{user: c, password: d}] }",
        "authorization { users: [{user: c, password: d}, {user: c, password: e}] }",
        "authorization { users: [{nkey: UABC}] }",
        "authorization { users: [{nkey: UD27X2EDJOLMLD7P4VUVSJDMIEH3XAPGYOOKNPGL4FBKL3QZUDKWTEAX, user: x}] }",
        "authorization { users: [{password: d}] }",
        "authorization { users: [{user: c, bogus: 1}] }",
        "authorization { users: [{user: c, permissions: {pubx: a}}] }",
        "authorization { users: [{user: c, permissions: {publish: {alloww: a}}}] }",
        "authorization { permissions: {publish: {allow: \"a..b\"}} }",
        "authorization { permissions: {allow_responses: {expires: \"zz\"}} }",
        "cluster { port: 6335, authorization { user: a, password: b, users: [{user: c}] } }"
    })
    void bothRefuse(String text) throws Exception {
        Path file = write(text);
        NatsServerBinary.Check real = NatsServerBinary.check(binary, file, ENV);
        assertThat(real.exitCode()).as("nats-server: " + real.output()).isNotZero();

        assertThatThrownBy(() -> {
            List<String> warnings = ConfigFileOptions.load(file, new ServerOptions(), new ConfigParser(ENV::get));
            if (!warnings.isEmpty()) {
                throw new ConfigException(String.join("; ", warnings)); // -t fails on warnings, as nats-server does
            }
        }).isInstanceOf(ConfigException.class).hasMessageContaining(file.toString());
    }
}
