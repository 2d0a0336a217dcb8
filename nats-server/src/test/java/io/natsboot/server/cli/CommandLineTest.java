package io.natsboot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.TailnetRouteDiscovery;
import io.natsboot.server.config.ConfigException;
import io.natsboot.server.config.ConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static ServerOptions options(String... args) {
        return CommandLine.parse(args).resolve(new ConfigParser(k -> null)).options();
    }

    /** One value flag: its names, a value, what to read back and what it should be. */
    private record ValueFlag(List<String> names, String value, Function<ServerOptions, Object> getter,
                             Object expected) {
    }

    private static ValueFlag flag(String names, String value, Function<ServerOptions, Object> getter,
                                  Object expected) {
        return new ValueFlag(List.of(names.split(",")), value, getter, expected);
    }

    private static final List<ValueFlag> VALUE_FLAGS = List.of(
            flag("a,addr,net", "127.0.0.1", ServerOptions::getHost, "127.0.0.1"),
            flag("p,port", "4333", ServerOptions::getPort, 4333),
            flag("p,port", "-1", ServerOptions::getPort, 0),
            flag("p,port", "0", ServerOptions::getPort, ServerOptions.DEFAULT_PORT),
            flag("p,port", "0x10e1", ServerOptions::getPort, 4321),
            flag("n,name,server_name", "alpha", ServerOptions::getServerName, "alpha"),
            flag("P,pid", "/tmp/n.pid", ServerOptions::getPidFile, "/tmp/n.pid"),
            flag("m,http_port", "8222", ServerOptions::getHttpPort, 8222),
            flag("m,http_port", "-1", ServerOptions::getHttpPort, 0),
            flag("m,http_port", "0", ServerOptions::getHttpPort, -1),
            flag("client_advertise", "nats.example.com:4222", ServerOptions::getClientAdvertise,
                    "nats.example.com:4222"),
            flag("ports_file_dir", "/tmp/ports", ServerOptions::getPortsFileDir, "/tmp/ports"),
            flag("l,log", "/tmp/n.log", ServerOptions::getLogFile, "/tmp/n.log"),
            flag("user", "bob", o -> o.getAuthorization().getUser(), "bob"),
            flag("pass", "s3cret", o -> o.getAuthorization().getPassword(), "s3cret"),
            flag("auth", "t0k3n", o -> o.getAuthorization().getToken(), "t0k3n"),
            flag("cluster,cluster_listen", "nats://127.0.0.1:6555",
                    o -> o.getCluster().getHost() + " " + o.getCluster().getPort(), "127.0.0.1 6555"),
            flag("cluster,cluster_listen", "nats://0.0.0.0:-1", o -> o.getCluster().getPort(), 0),
            flag("cluster,cluster_listen", "nats-route://ru:r%40p@[::1]:6556",
                    o -> String.join(" ", o.getCluster().getHost(), String.valueOf(o.getCluster().getPort()),
                            o.getCluster().getUser(), o.getCluster().getPassword()), "::1 6556 ru r@p"),
            flag("cluster_name", "c1", o -> o.getCluster().getName(), "c1"),
            flag("cluster_advertise", "10.0.0.1:6222", o -> o.getCluster().getAdvertise(), "10.0.0.1:6222"),
            flag("connect_retries", "5", o -> o.getCluster().getConnectRetries(), 5),
            flag("connect_retries", "010", o -> o.getCluster().getConnectRetries(), 8));

    static Stream<Arguments> valueFlagForms() {
        List<Arguments> all = new ArrayList<>();
        for (ValueFlag f : VALUE_FLAGS) {
            for (String name : f.names()) {
                for (String dashes : List.of("-", "--")) {
                    all.add(arguments(new String[] {dashes + name, f.value()}, f));
                    all.add(arguments(new String[] {dashes + name + "=" + f.value()}, f));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueFlagForms")
    void parsesEveryValueFlagInEveryForm(String[] args, ValueFlag flag) {
        assertThat(flag.getter().apply(options(args))).isEqualTo(flag.expected());
    }

    static Stream<Arguments> boolFlags() {
        Function<ServerOptions, Object> logging = o -> o.isDebug() + "/" + o.isTrace() + "/" + o.isLogtime();
        return Stream.of(
                arguments(List.of("-D"), logging, "true/false/true"),
                arguments(List.of("--debug"), logging, "true/false/true"),
                arguments(List.of("-D=true"), logging, "true/false/true"),
                arguments(List.of("-D", "-D=false"), logging, "false/false/true"),
                arguments(List.of("-V"), logging, "false/true/true"),
                arguments(List.of("--trace"), logging, "false/true/true"),
                arguments(List.of("-VV"), logging, "false/true/true"),
                arguments(List.of("-DV"), logging, "true/true/true"),
                arguments(List.of("-DVV"), logging, "true/true/true"),
                arguments(List.of("-T=false"), logging, "false/false/false"),
                arguments(List.of("--logtime=0"), logging, "false/false/false"),
                arguments(List.of("-T=f", "-T"), logging, "false/false/true"),
                arguments(List.of("--no_advertise"), (Function<ServerOptions, Object>) o ->
                        o.getCluster().isNoAdvertise(), true),
                arguments(List.of("--no_advertise=FALSE"), (Function<ServerOptions, Object>) o ->
                        o.getCluster().isNoAdvertise(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boolFlags")
    void parsesBooleanFlags(List<String> args, Function<ServerOptions, Object> getter, Object expected) {
        assertThat(getter.apply(options(args.toArray(String[]::new)))).isEqualTo(expected);
    }

    @Test
    void parsesProgramFlags() {
        assertThat(CommandLine.parse("-h").isHelp()).isTrue();
        assertThat(CommandLine.parse("--help").isHelp()).isTrue();
        assertThat(CommandLine.parse("-v").isVersion()).isTrue();
        assertThat(CommandLine.parse("--version").isVersion()).isTrue();
        assertThat(CommandLine.parse("-t", "-c", "x.conf").isTestConfig()).isTrue();
        assertThat(CommandLine.parse("--config=x.conf").configFile()).isEqualTo("x.conf");
        CommandLine none = CommandLine.parse();
        assertThat(none.isHelp() || none.isVersion() || none.isTestConfig()).isFalse();
        assertThat(none.configFile()).isNull();
    }

    @Test
    void splitsRoutesOnCommas() {
        ServerOptions o = options("--cluster", "nats://0.0.0.0:6222", "--routes",
                "nats://a:6222, nats-route://b:6222,,nats://c:6222 ");
        assertThat(o.getCluster().getRoutes()).containsExactly("nats://a:6222", "nats-route://b:6222",
                "nats://c:6222");
    }

    @Test
    void refusesRoutesWithoutAClusterListener() {
        assertThatThrownBy(() -> options("--routes", "nats://a:6222")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("solicited routes need a cluster listener");
    }

    @Test
    void acceptsFlagRoutesWithAClusterListenerFromTheConfigFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("c.conf");
        Files.writeString(conf, "cluster {\n  listen: 127.0.0.1:6222\n  routes: [nats://x:1]\n}\n");
        ServerOptions o = options("-c", conf.toString(), "--routes", "nats://a:6222");
        assertThat(o.getCluster().getRoutes()).containsExactly("nats://a:6222");
        assertThat(o.getCluster().getPort()).isEqualTo(6222);
    }

    @Test
    void appliesTheConfigFileThenTheFlagsGiven(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("n.conf");
        Files.writeString(conf, "port: 4333\nhttp: 8333\ndebug: true\nserver_name: from-file\nmax_payload: 2MB\n"
                + "authorization { user: fu, password: fp }\n");
        ServerOptions fileOnly = options("-c", conf.toString());
        assertThat(fileOnly.getPort()).isEqualTo(4333);
        assertThat(fileOnly.getHttpPort()).isEqualTo(8333);
        assertThat(fileOnly.isDebug()).isTrue();

        // flags before or after -c win all the same
        ServerOptions o = options("-p", "4444", "-c", conf.toString(), "-D=false", "--user", "cu", "-m", "0");
        assertThat(o.getPort()).isEqualTo(4444);
        assertThat(o.isDebug()).isFalse();
        assertThat(o.getAuthorization().getUser()).isEqualTo("cu");
        assertThat(o.getAuthorization().getPassword()).isEqualTo("fp");
        assertThat(o.getHttpPort()).as("-m 0 leaves the file's port").isEqualTo(8333);
        assertThat(o.getServerName()).isEqualTo("from-file");
        assertThat(o.getMaxPayload()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void theLastOfARepeatedFlagWins() {
        assertThat(options("-p", "1111", "--port=2222").getPort()).isEqualTo(2222);
    }

    @Test
    void returnsConfigWarnings(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("w.conf");
        Files.writeString(conf, "ping_interval: 5\n");
        CommandLine.Resolved r = CommandLine.parse("-c", conf.toString()).resolve();
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.options().getPingInterval()).hasSeconds(5);
    }

    @Test
    void reportsConfigErrors(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "port: 1\nmax_payloadz: 2\n");
        assertThatThrownBy(() -> options("-c", conf.toString())).isInstanceOf(ConfigException.class)
                .hasMessage(conf + ":2:1: unknown field \"max_payloadz\"");
    }

    @Test
    void validatesTheResult() {
        assertThatThrownBy(() -> options("--auth", "t", "--user", "u"))
                .hasMessage("Cannot have a user/pass and token");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments(List.of("--bogus"), "unknown flag: -bogus", true),
                arguments(List.of("-bogus=1"), "unknown flag: -bogus", true),
                arguments(List.of("-VD"), "unknown flag: -VD", true),
                arguments(List.of("-p"), "flag -p needs a value", true),
                arguments(List.of("-p", "abc"), "invalid value \"abc\" for flag -p: not an integer", true),
                arguments(List.of("-p", "-t"), "invalid value \"-t\" for flag -p: not an integer", true),
                arguments(List.of("-p="), "invalid value \"\" for flag -p: not an integer", true),
                arguments(List.of("-p", "70000"), "invalid value \"70000\" for flag -p: out of range", true),
                arguments(List.of("-m", "-2"), "invalid value \"-2\" for flag -m: out of range", true),
                arguments(List.of("--connect_retries", "x"), "invalid value \"x\" for flag -connect_retries", true),
                arguments(List.of("-T=maybe"), "invalid boolean value \"maybe\" for flag -T", true),
                arguments(List.of("---p", "1"), "bad flag syntax: ---p", true),
                arguments(List.of("-=x"), "bad flag syntax: -=x", true),
                arguments(List.of("foo"), "unrecognized command: \"foo\"", false),
                arguments(List.of("-p", "-1", "foo"), "unrecognized command: \"foo\"", false),
                arguments(List.of("-T", "false"), "unrecognized command: \"false\"", false),
                arguments(List.of("-D", "--", "-V"), "unrecognized command: \"-V\"", false),
                arguments(List.of("--cluster", "127.0.0.1:6222"), "invalid cluster URL \"127.0.0.1:6222\"", false),
                arguments(List.of("--cluster", "nats://:6222"), "invalid cluster URL \"nats://:6222\": the host", false),
                arguments(List.of("--cluster", "nats://h"), "invalid cluster URL \"nats://h\": the port is missing",
                        false),
                arguments(List.of("--cluster", "nats://h:x"), "invalid cluster URL \"nats://h:x\": the port is not",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedCommandLines(List<String> args, String message, boolean usage) {
        assertThatThrownBy(() -> CommandLine.parse(args.toArray(String[]::new)))
                .isInstanceOfSatisfying(CommandLineException.class, e -> {
                    assertThat(e.getMessage()).startsWith(message);
                    assertThat(e.showUsage()).isEqualTo(usage);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-ms=8443", "--https_port=8443"})
    void refusesHttpsMonitoringClearly(String flag) {
        assertThatThrownBy(() -> CommandLine.parse(flag))
                .isInstanceOfSatisfying(CommandLineException.class, e -> {
                    assertThat(e.getMessage()).startsWith("HTTPS monitoring is not supported by natsboot yet");
                    assertThat(e.showUsage()).isFalse();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-js", "--jetstream", "-sd=/tmp/js", "--store_dir=/tmp/js", "-s", "--syslog",
        "-r=udp://h:514", "--remote_syslog=udp://h:514", "--log_size_limit=1",
        "--max_traced_msg_len=10", "--profile=6060"})
    void refusesOtherUnsupportedFeaturesClearly(String flag) {
        assertThatThrownBy(() -> CommandLine.parse(flag))
                .isInstanceOfSatisfying(CommandLineException.class, e -> {
                    assertThat(e.getMessage()).contains("not supported by natsboot");
                    assertThat(e.showUsage()).isFalse();
                });
    }

    @Test
    void usageMentionsEverySupportedFlag() {
        String usage = CommandLine.usage();
        for (String flag : List.of("--addr", "--port", "--server_name", "--pid", "--http_port", "--config", "-t",
                "--client_advertise", "--ports_file_dir", "--log", "--logtime", "--debug", "--trace", "-DV",
                "--user", "--pass", "--auth", "--cluster", "--cluster_listen", "--cluster_name", "--routes",
                "--cluster_advertise", "--no_advertise", "--connect_retries", "--help", "--version",
                "--tls", "--tlscert", "--tlskey", "--tlsverify", "--tlscacert", "--help_tls", "--natsboot_tailnet")) {
            assertThat(usage).contains(flag);
        }
    }

    @Test
    void natsbootTailnetFlagSeedsFromTheTailnetAtTheClusterPort() {
        ServerOptions o = options("--natsboot_tailnet", "--cluster", "nats://0.0.0.0:7222");
        assertThat(o.getCluster().getDiscovery()).singleElement()
                .isInstanceOfSatisfying(TailnetRouteDiscovery.class, t -> {
                    assertThat(t.port()).isEqualTo(7222);
                    assertThat(t.socket()).isEqualTo(TailnetRouteDiscovery.DEFAULT_SOCKET);
                });
    }

    @Test
    void theNatsbootBlockIsAcceptedByTheConfigCheckAndWinsOverTheFlag(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("tailnet.conf");
        Files.writeString(conf, "cluster { listen: 0.0.0.0:6333 }\nnatsboot { tailnet { tag: nats, port: 6444 } }\n");
        CommandLine cl = CommandLine.parse("-t", "-c", conf.toString(), "--natsboot_tailnet");
        assertThat(cl.isTestConfig()).isTrue();
        CommandLine.Resolved r = cl.resolve();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.options().getCluster().getDiscovery()).singleElement()
                .isInstanceOfSatisfying(TailnetRouteDiscovery.class, t -> {
                    assertThat(t.port()).isEqualTo(6444);
                    assertThat(t.tag()).isEqualTo("tag:nats");
                });
    }
}
