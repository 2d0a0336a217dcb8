package io.natsboot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.natsboot.server.options.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileOptionsTest {

    private static ServerOptions apply(String text) {
        ServerOptions options = new ServerOptions();
        List<String> warnings = ConfigFileOptions.apply(parse(text), options);
        assertThat(warnings).isEmpty();
        return options;
    }

    private static ConfigValue parse(String text) {
        return new ConfigParser(k -> null).parse(text, "f.conf", Path.of("."));
    }

    private static Arguments key(String text, Function<ServerOptions, Object> getter, Object expected) {
        return arguments(text, getter, expected);
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                key("listen: 127.0.0.1:4999", o -> o.getHost() + " " + o.getPort(), "127.0.0.1 4999"),
                key("listen: :4998", o -> o.getHost() + " " + o.getPort(), "0.0.0.0 4998"),
                key("listen: 4997", o -> o.getHost() + " " + o.getPort(), "0.0.0.0 4997"),
                key("listen: \"[::1]:4996\"", o -> o.getHost() + " " + o.getPort(), "::1 4996"),
                key("listen: \"0.0.0.0:-1\"", ServerOptions::getPort, 0),
                key("port: 4333", ServerOptions::getPort, 4333),
                key("port: -1", ServerOptions::getPort, 0),
                key("port: 0", ServerOptions::getPort, ServerOptions.DEFAULT_PORT),
                key("PORT: 4334", ServerOptions::getPort, 4334),
                key("host: 127.0.0.1", ServerOptions::getHost, "127.0.0.1"),
                key("net: 10.0.0.1", ServerOptions::getHost, "10.0.0.1"),
                key("server_name: \"my server\"", ServerOptions::getServerName, "my server"),
                key("server_name: \"\"", ServerOptions::getServerName, null),
                key("client_advertise: \"nats.example.com:4222\"", ServerOptions::getClientAdvertise,
                        "nats.example.com:4222"),
                key("http: 8222", o -> o.getHttpHost() + " " + o.getHttpPort(), "null 8222"),
                key("http: localhost:8223", o -> o.getHttpHost() + " " + o.getHttpPort(), "localhost 8223"),
                key("http: \"127.0.0.1:-1\"", o -> o.getHttpHost() + " " + o.getHttpPort(), "127.0.0.1 0"),
                key("http_port: 8224", ServerOptions::getHttpPort, 8224),
                key("monitor_port: 8225", ServerOptions::getHttpPort, 8225),
                key("http_port: -1", ServerOptions::getHttpPort, 0),
                key("http_port: 0", ServerOptions::getHttpPort, -1),
                key("max_payload: 2MB\nmax_pending: 100MB", ServerOptions::getMaxPayload, 2 * 1024 * 1024),
                key("max_payload: 65536", ServerOptions::getMaxPayload, 65536),
                key("max_payload: 0", ServerOptions::getMaxPayload, ServerOptions.DEFAULT_MAX_PAYLOAD),
                key("max_control_line: 1KB", ServerOptions::getMaxControlLine, 1024),
                key("max_control_line: 0", ServerOptions::getMaxControlLine, ServerOptions.DEFAULT_MAX_CONTROL_LINE),
                key("max_pending: 100MB", ServerOptions::getMaxPending, 100L * 1024 * 1024),
                key("max_pending: 5G", ServerOptions::getMaxPending, 5_000_000_000L),
                key("max_pending: 0", ServerOptions::getMaxPending, ServerOptions.DEFAULT_MAX_PENDING),
                key("max_connections: 1k", ServerOptions::getMaxConnections, 1000),
                key("max_conn: 10", ServerOptions::getMaxConnections, 10),
                key("max_connections: 0", ServerOptions::getMaxConnections, ServerOptions.DEFAULT_MAX_CONNECTIONS),
                key("max_subscriptions: 100", ServerOptions::getMaxSubscriptions, 100),
                key("max_subs: 7", ServerOptions::getMaxSubscriptions, 7),
                key("ping_interval: \"30s\"", ServerOptions::getPingInterval, Duration.ofSeconds(30)),
                key("ping_interval: 1h30m", ServerOptions::getPingInterval, Duration.ofMinutes(90)),
                key("ping_interval: 2m", ServerOptions::getPingInterval, Duration.ofMinutes(2)),
                key("ping_interval: 500ms", ServerOptions::getPingInterval, Duration.ofMillis(500)),
                key("ping_max: 5", ServerOptions::getPingMax, 5),
                key("ping_max: 0", ServerOptions::getPingMax, ServerOptions.DEFAULT_PING_MAX),
                key("connect_error_reports: 10", ServerOptions::getConnectErrorReports, 10),
                key("connect_error_reports: 0", ServerOptions::getConnectErrorReports,
                        ServerOptions.DEFAULT_CONNECT_ERROR_REPORTS),
                key("reconnect_error_reports: 5", ServerOptions::getReconnectErrorReports, 5),
                key("reconnect_error_reports: 0", ServerOptions::getReconnectErrorReports,
                        ServerOptions.DEFAULT_RECONNECT_ERROR_REPORTS),
                key("write_deadline: \"2.5s\"", ServerOptions::getWriteDeadline, Duration.ofMillis(2500)),
                key("lame_duck_duration: \"45s\"", ServerOptions::getLameDuckDuration, Duration.ofSeconds(45)),
                key("lame_duck_duration: 3m", ServerOptions::getLameDuckDuration, Duration.ofMinutes(3)),
                key("lame_duck_grace_period: \"3s\"", ServerOptions::getLameDuckGracePeriod, Duration.ofSeconds(3)),
                key("no_header_support: true", ServerOptions::isNoHeaderSupport, true),
                key("debug: yes", ServerOptions::isDebug, true),
                key("trace: on", ServerOptions::isTrace, true),
                key("trace_verbose: true", ServerOptions::isTrace, true),
                key("logtime: false", ServerOptions::isLogtime, false),
                key("log_file: \"/var/log/nats.log\"", ServerOptions::getLogFile, "/var/log/nats.log"),
                key("logfile: /tmp/n.log", ServerOptions::getLogFile, "/tmp/n.log"),
                key("pid_file: /tmp/n.pid", ServerOptions::getPidFile, "/tmp/n.pid"),
                key("pidfile: /tmp/m.pid", ServerOptions::getPidFile, "/tmp/m.pid"),
                key("ports_file_dir: /tmp", ServerOptions::getPortsFileDir, "/tmp"),
                key("authorization { user: bob, password: s3cret }",
                        o -> o.getAuthorization().getUser() + ":" + o.getAuthorization().getPassword(), "bob:s3cret"),
                key("authorization { username: bob, pass: pw }",
                        o -> o.getAuthorization().getUser() + ":" + o.getAuthorization().getPassword(), "bob:pw"),
                key("authorization { token: \"t0k3n\" }", o -> o.getAuthorization().getToken(), "t0k3n"),
                key("authorization { timeout: 3 }", o -> o.getAuthorization().getTimeout(), Duration.ofSeconds(3)),
                key("authorization { timeout: 0.5 }", o -> o.getAuthorization().getTimeout(), Duration.ofMillis(500)),
                key("authorization { timeout: \"4s\" }", o -> o.getAuthorization().getTimeout(),
                        Duration.ofSeconds(4)),
                key("cluster { name: c1 }", o -> o.getCluster().getName(), "c1"),
                key("cluster { listen: 127.0.0.1:6333 }",
                        o -> o.getCluster().getHost() + " " + o.getCluster().getPort(), "127.0.0.1 6333"),
                key("cluster { listen: \":-1\" }", o -> o.getCluster().getHost() + " " + o.getCluster().getPort(),
                        "null 0"),
                key("cluster { listen: 6334 }", o -> o.getCluster().getPort(), 6334),
                key("cluster { host: 10.1.1.1, port: 6335 }",
                        o -> o.getCluster().getHost() + " " + o.getCluster().getPort(), "10.1.1.1 6335"),
                key("cluster { net: 10.1.1.2 }", o -> o.getCluster().getHost(), "10.1.1.2"),
                key("cluster { port: -1 }", o -> o.getCluster().getPort(), 0),
                key("cluster { port: 0 }", o -> o.getCluster().getPort(), -1),
                key("cluster { routes: [nats://a:6222, \"nats-route://u:p@b:6222\"] }",
                        o -> o.getCluster().getRoutes(), List.of("nats://a:6222", "nats-route://u:p@b:6222")),
                key("cluster { routes: [] }", o -> o.getCluster().getRoutes(), List.of()),
                key("cluster { advertise: \"x:1\" }", o -> o.getCluster().getAdvertise(), "x:1"),
                key("cluster { cluster_advertise: \"y:2\" }", o -> o.getCluster().getAdvertise(), "y:2"),
                key("cluster { no_advertise: true }", o -> o.getCluster().isNoAdvertise(), true),
                key("cluster { connect_retries: 5 }", o -> o.getCluster().getConnectRetries(), 5),
                key("cluster { authorization { user: r, password: rp, timeout: 0.5 } }",
                        o -> o.getCluster().getUser() + ":" + o.getCluster().getPassword(), "r:rp"),
                key("cluster { authorization { username: r, pass: rp } }",
                        o -> o.getCluster().getUser() + ":" + o.getCluster().getPassword(), "r:rp"),
                key("P: 4555\nport: $P", ServerOptions::getPort, 4555),
                key("U: bob\nauthorization { user: $U, password: x }", o -> o.getAuthorization().getUser(), "bob"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void appliesEverySupportedKey(String text, Function<ServerOptions, Object> getter, Object expected) {
        assertThat(getter.apply(apply(text))).isEqualTo(expected);
    }

    @Test
    void leavesDefaultsAloneForAnEmptyFile() {
        ServerOptions o = apply("# nothing\n");
        ServerOptions d = new ServerOptions();
        assertThat(o).usingRecursiveComparison().isEqualTo(d);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("port: 4222\nmax_payloadz: 10", "f.conf:2:1: unknown field \"max_payloadz\""),
                arguments("authorization {\n  user: a\n  bogus: 1\n}", "f.conf:3:3: unknown field \"bogus\""),
                arguments("cluster {\n  port: 1\n  foo: 2\n}", "f.conf:3:3: unknown field \"foo\""),
                arguments("cluster {\n  authorization { token: x }\n}",
                        "f.conf:2:19: cluster authorization does not support tokens"),
                arguments("cluster { user: x }", "f.conf:1:11: unknown field \"user\""),
                arguments("http_host: 127.0.0.1", "f.conf:1:1: unknown field \"http_host\""),
                arguments("UNUSED = 1", "f.conf:1:1: unknown field \"UNUSED\""),
                arguments("tls {\n  cert_file: x\n}", "f.conf:1:1: missing 'key_file' in TLS configuration"),
                arguments("jetstream: enabled", "f.conf:1:1: field \"jetstream\" is not supported by natsboot yet"),
                arguments("accounts {}", "f.conf:1:1: field \"accounts\" is not supported by natsboot yet"),
                arguments("authorization { auth_callout: {} }",
                        "f.conf:1:17: field \"auth_callout\" is not supported by natsboot yet"),
                arguments("cluster { tls { min_version: \"1.2\" } }",
                        "f.conf:1:17: error parsing tls config, unknown field [\"min_version\"]"),
                arguments("port: \"abc\"",
                        "f.conf:1:1: invalid value for \"port\": expected an integer, found the string \"abc\""),
                arguments("port: 1.5", "f.conf:1:1: invalid value for \"port\": expected an integer, found the number 1.5"),
                arguments("port: 99999", "f.conf:1:1: invalid value for \"port\": port 99999 is out of range"),
                arguments("port: -2", "f.conf:1:1: invalid value for \"port\": port -2 is out of range"),
                arguments("debug: maybe", "f.conf:1:1: invalid value for \"debug\": expected a boolean"),
                arguments("debug: 1", "f.conf:1:1: invalid value for \"debug\": expected a boolean"),
                arguments("debug: \"true\"", "f.conf:1:1: invalid value for \"debug\": expected a boolean"),
                arguments("server_name: 123", "f.conf:1:1: invalid value for \"server_name\": expected a string, "
                        + "found the integer 123"),
                arguments("max_payload: 1b", "f.conf:1:1: invalid value for \"max_payload\": expected an integer "
                        + "or a size such as 1MB, found the string \"1b\""),
                arguments("max_payload: 5GB", "f.conf:1:1: \"max_payload\" value 5368709120 is too big"),
                arguments("max_control_line: 5GB", "f.conf:1:1: \"max_control_line\" value 5368709120 is too big"),
                arguments("listen: localhost", "f.conf:1:1: invalid value for \"listen\": could not parse address "
                        + "\"localhost\""),
                arguments("listen: \"a:b\"", "f.conf:1:1: invalid value for \"listen\": could not parse address"),
                arguments("listen: \"::1:4222\"", "f.conf:1:1: invalid value for \"listen\": could not parse address"),
                arguments("cluster { listen: \"-1\" }", "f.conf:1:11: invalid value for \"listen\": could not parse"),
                arguments("ping_interval: \"xx\"", "f.conf:1:1: invalid value for \"ping_interval\": invalid duration "
                        + "\"xx\""),
                arguments("ping_interval: 1.5", "f.conf:1:1: invalid value for \"ping_interval\": expected a duration"),
                arguments("lame_duck_duration: 40", "f.conf:1:1: invalid value for \"lame_duck_duration\": "
                        + "expected a duration"),
                arguments("lame_duck_duration: \"1s\"",
                        "f.conf:1:1: invalid lame_duck_duration of 1s: it must be at least 30s"),
                arguments("lame_duck_grace_period: \"-1s\"", "f.conf:1:1: invalid lame_duck_grace_period of -1s"),
                arguments("authorization { timeout: \"x\" }", "f.conf:1:17: invalid value for \"timeout\": invalid "
                        + "duration \"x\""),
                arguments("authorization { timeout: true }", "f.conf:1:17: invalid value for \"timeout\": expected a "
                        + "number of seconds"),
                arguments("authorization: 5", "f.conf:1:1: invalid value for \"authorization\": expected a map"),
                arguments("authorization {\n  token: abc\n  user: x\n}",
                        "f.conf:1:1: Cannot have a user/pass and token"),
                arguments("cluster { routes: \"nats://a:1\" }", "f.conf:1:11: invalid value for \"routes\": expected "
                        + "an array"),
                arguments("cluster {\n  routes: [\n    nats://a:1\n    5\n  ]\n}",
                        "f.conf:4:5: invalid route in \"routes\": expected a URL string, found the integer 5"),
                arguments("cluster { routes: [ \"no scheme\" ] }", "f.conf:1:21: invalid route URL \"no scheme\""),
                arguments("cluster { no_advertise: 1 }", "f.conf:1:11: invalid value for \"no_advertise\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void refusesUnknownKeysAndMalformedValuesNamingFileLineAndKey(String text, String message) {
        assertThatThrownBy(() -> ConfigFileOptions.apply(parse(text), new ServerOptions()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void exceptionCarriesTheKeyAndLocation() {
        assertThatThrownBy(() -> ConfigFileOptions.apply(parse("\n\n  max_payloadz: 1"), new ServerOptions()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("max_payloadz");
                    assertThat(e.location()).isEqualTo(new Location("f.conf", 3, 3));
                    assertThat(e.detail()).isEqualTo("unknown field \"max_payloadz\"");
                });
    }

    @Test
    void variablesAreNotUnknownFieldsInNestedMapsEither() {
        ServerOptions o = apply("cluster {\n  H: 10.0.0.9\n  host: $H\n}\nauthorization {\n  T: 2\n  timeout: $T\n}");
        assertThat(o.getCluster().getHost()).isEqualTo("10.0.0.9");
        assertThat(o.getAuthorization().getTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping_interval", "write_deadline"})
    void takesPlainNumbersAsSecondsWithAWarning(String key) {
        ServerOptions o = new ServerOptions();
        List<String> warnings = ConfigFileOptions.apply(parse("\n" + key + ": 5"), o);
        assertThat(warnings).containsExactly(
                "f.conf:2:1: \"" + key + "\" should be a duration such as \"5s\"; the number 5 is taken as seconds");
        assertThat(key.equals("ping_interval") ? o.getPingInterval() : o.getWriteDeadline())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void laterKeysOverrideEarlierOnes() {
        ServerOptions o = apply("listen: 127.0.0.1:4000\nport: 4001\nhttp: 8000\nhttp_port: 8001");
        assertThat(o.getHost()).isEqualTo("127.0.0.1");
        assertThat(o.getPort()).isEqualTo(4001);
        assertThat(o.getHttpPort()).isEqualTo(8001);
    }

    @Test
    void loadsAFileWithIncludes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.conf"), "port: 4999\nauthorization {\n  include auth.conf\n}\n");
        Files.writeString(dir.resolve("auth.conf"), "user: bob\npassword: $PW\nbogus: 1\n");
        ServerOptions o = new ServerOptions();
        assertThatThrownBy(() -> ConfigFileOptions.load(dir.resolve("main.conf"), o,
                new ConfigParser(k -> k.equals("PW") ? "pw" : null)))
                .hasMessage(dir.resolve("auth.conf") + ":3:1: unknown field \"bogus\"");

        Files.writeString(dir.resolve("auth.conf"), "user: bob\npassword: $PW\n");
        ServerOptions ok = new ServerOptions();
        assertThat(ConfigFileOptions.load(dir.resolve("main.conf"), ok,
                new ConfigParser(k -> k.equals("PW") ? "pw" : null))).isEmpty();
        assertThat(ok.getPort()).isEqualTo(4999);
        assertThat(ok.getAuthorization().getPassword()).isEqualTo("pw");
    }

    static Stream<Arguments> validation() {
        return Stream.of(
                arguments("max_payload: 2MB\nmax_pending: 1MB",
                        "max_payload (2097152) must not be higher than max_pending (1048576)"),
                arguments("max_payload: 70MB", "max_payload (73400320) must not be higher than max_pending (67108864)"),
                arguments("lame_duck_duration: \"40s\"\nlame_duck_grace_period: \"50s\"",
                        "lame_duck_grace_period (50s) must be shorter than lame_duck_duration (40s)"),
                arguments("lame_duck_duration: \"40s\"\nlame_duck_grace_period: \"40s\"",
                        "lame_duck_grace_period (40s) must be shorter than lame_duck_duration (40s)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("validation")
    void validatesLikeNatsServerAtStartup(String text, String message) {
        ServerOptions o = apply(text);
        assertThatThrownBy(() -> ConfigFileOptions.validate(o)).isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void validatesTokenWithUserFromAnySource() {
        ServerOptions o = new ServerOptions();
        o.getAuthorization().setToken("t").setUser("u");
        assertThatThrownBy(() -> ConfigFileOptions.validate(o))
                .hasMessage("Cannot have a user/pass and token");
    }

    @Test
    void acceptsTheDefaults() {
        ConfigFileOptions.validate(new ServerOptions());
        ConfigFileOptions.validate(apply("max_payload: 64MB"));
    }
}
