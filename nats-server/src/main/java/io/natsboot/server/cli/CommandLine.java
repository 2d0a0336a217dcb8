package io.natsboot.server.cli;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.config.ConfigException;
import io.natsboot.server.config.ConfigFileOptions;
import io.natsboot.server.config.ConfigParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The flags of {@code nats-server} 2.9, parsed the way Go's {@code flag} package does: {@code -p 4222},
 * {@code -p=4222}, {@code --port 4222} and {@code --port=4222} are the same; boolean flags take no separate value but
 * accept {@code -T=false}; parsing stops at {@code --} or the first argument that is not a flag.
 *
 * <p>Options are resolved as nats-server does: defaults, then the config file ({@code -c}), then the flags that were
 * given. Ports follow nats-server: {@code -1} asks for a random port and {@code 0} leaves the setting alone. Flags of
 * features natsboot does not implement (TLS, JetStream, syslog, ...) are recognised and refused with a message that
 * says so.
 */
public final class CommandLine {

    /** The program name used in messages and the ports file. */
    public static final String PROGRAM = "nats-server";

    private enum Kind { BOOL, VALUE }

    private record Flag(Kind kind, BiConsumer<CommandLine, String> action) {
    }

    private static final Map<String, Flag> FLAGS = new HashMap<>();

    private boolean help;
    private boolean version;
    private boolean testConfig;
    private String configFile;
    private String signal;
    private boolean routesFromFlags;
    private boolean helpTls;
    private boolean tailnet;
    private final TlsFlags tlsFlags = new TlsFlags();
    private final List<Consumer<ServerOptions>> overrides = new ArrayList<>();

    private CommandLine() {
    }

    /** The options a command line resolves to, and the warnings its config file produced. */
    public record Resolved(ServerOptions options, List<String> warnings) {
    }

    /**
     * Parses {@code args}.
     *
     * @throws CommandLineException for unknown flags, missing or malformed values, leftover arguments and refused
     *                              features
     */
    public static CommandLine parse(String... args) {
        CommandLine cl = new CommandLine();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            int dashes = 1;
            if (arg.charAt(1) == '-') {
                dashes = 2;
                if (arg.length() == 2) {
                    i++;
                    break;
                }
            }
            String name = arg.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new CommandLineException("bad flag syntax: " + arg, true);
            }
            i++;
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                throw new CommandLineException("unknown flag: -" + name, true);
            }
            if (flag.kind() == Kind.BOOL) {
                value = String.valueOf(value == null || parseBool(name, value));
            } else if (value == null) {
                if (i >= args.length) {
                    throw new CommandLineException("flag -" + name + " needs a value", true);
                }
                value = args[i++];
            }
            flag.action().accept(cl, value);
        }
        if (i < args.length) {
            throw new CommandLineException("unrecognized command: \"" + args[i] + "\"", false);
        }
        return cl;
    }

    /** {@code -h}/{@code --help}. */
    public boolean isHelp() {
        return help;
    }

    /** {@code --help_tls}. */
    public boolean isHelpTls() {
        return helpTls;
    }

    /** {@code -v}/{@code --version}. */
    public boolean isVersion() {
        return version;
    }

    /** {@code -t}: check the config file and exit. */
    public boolean isTestConfig() {
        return testConfig;
    }

    /** {@code -sl}/{@code --signal}: {@code command[=pid]} to send a running server, or {@code null}. */
    public String signal() {
        return signal;
    }

    /** {@code -c}/{@code --config}, or {@code null}. */
    public String configFile() {
        return configFile;
    }

    /** Defaults, then the config file with {@code $VARS} from the environment, then the flags; then validated. */
    public Resolved resolve() {
        return resolve(new ConfigParser());
    }

    /**
     * As {@link #resolve()}, reading the config file with the given parser.
     *
     * @throws ConfigException for an unreadable or invalid config file or invalid resulting options
     */
    public Resolved resolve(ConfigParser parser) {
        ServerOptions options = new ServerOptions();
        List<String> warnings = List.of();
        if (configFile != null) {
            warnings = ConfigFileOptions.load(Path.of(configFile), options, parser);
        }
        for (Consumer<ServerOptions> override : overrides) {
            override.accept(options);
        }
        tlsFlags.applyTo(options.getTls());
        if (tailnet) {
            TailnetFlag.applyTo(options);
        }
        if (routesFromFlags && !options.getCluster().getRoutes().isEmpty() && options.getCluster().getPort() < 0) {
            throw new ConfigException("solicited routes need a cluster listener, e.g. --cluster nats://0.0.0.0:6222");
        }
        ConfigFileOptions.validate(options);
        return new Resolved(options, warnings);
    }

    private void override(Consumer<ServerOptions> setter) {
        overrides.add(setter);
    }

    // ---- flag table ----------------------------------------------------------------------------------------

    private static void flag(Kind kind, BiConsumer<CommandLine, String> action, String... names) {
        for (String name : names) {
            FLAGS.put(name, new Flag(kind, action));
        }
    }

    private static void refused(Kind kind, String feature, String... names) {
        for (String name : names) {
            FLAGS.put(name, new Flag(kind, (cl, v) -> {
                throw new CommandLineException(feature + " (-" + name + ")", false);
            }));
        }
    }

    static {
        // Server
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.setHost(v)), "a", "addr", "net");
        flag(Kind.VALUE, (cl, v) -> {
            int port = port("p", v);
            if (port != 0) {
                cl.override(o -> o.setPort(port == -1 ? 0 : port));
            }
        }, "p", "port");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.setServerName(v.isEmpty() ? null : v)),
                "n", "name", "server_name");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.setPidFile(v)), "P", "pid");
        flag(Kind.VALUE, (cl, v) -> {
            int port = port("m", v);
            if (port != 0) {
                cl.override(o -> o.setHttpPort(port == -1 ? 0 : port));
            }
        }, "m", "http_port");
        flag(Kind.VALUE, (cl, v) -> cl.configFile = v, "c", "config");
        flag(Kind.VALUE, (cl, v) -> cl.signal = v, "sl", "signal");
        flag(Kind.BOOL, (cl, v) -> cl.testConfig = Boolean.parseBoolean(v), "t");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.setClientAdvertise(v)), "client_advertise");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.setPortsFileDir(v)), "ports_file_dir");
        // Logging
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.setLogFile(v)), "l", "log");
        flag(Kind.BOOL, (cl, v) -> cl.override(o -> o.setLogtime(Boolean.parseBoolean(v))), "T", "logtime");
        flag(Kind.BOOL, (cl, v) -> cl.override(o -> o.setDebug(Boolean.parseBoolean(v))), "D", "debug");
        flag(Kind.BOOL, (cl, v) -> cl.override(o -> o.setTrace(Boolean.parseBoolean(v))), "V", "trace", "VV");
        flag(Kind.BOOL, (cl, v) -> cl.override(o -> {
            o.setDebug(Boolean.parseBoolean(v));
            o.setTrace(Boolean.parseBoolean(v));
        }), "DV", "DVV");
        // Authorization
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.getAuthorization().setUser(v)), "user");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.getAuthorization().setPassword(v)), "pass");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.getAuthorization().setToken(v)), "auth");
        // Cluster
        flag(Kind.VALUE, (cl, v) -> {
            List<String> routes = splitRoutes(v);
            cl.routesFromFlags = true;
            cl.override(o -> {
                o.getCluster().getRoutes().clear();
                o.getCluster().getRoutes().addAll(routes);
            });
        }, "routes");
        flag(Kind.VALUE, (cl, v) -> {
            ClusterUrl url = ClusterUrl.parse(v);
            cl.override(url::applyTo);
        }, "cluster", "cluster_listen");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.getCluster().setName(v)), "cluster_name");
        flag(Kind.BOOL, (cl, v) -> cl.override(o -> o.getCluster().setNoAdvertise(Boolean.parseBoolean(v))),
                "no_advertise");
        flag(Kind.VALUE, (cl, v) -> cl.override(o -> o.getCluster().setAdvertise(v)), "cluster_advertise");
        flag(Kind.VALUE, (cl, v) -> {
            int retries = (int) integer("connect_retries", v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            cl.override(o -> o.getCluster().setConnectRetries(retries));
        }, "connect_retries");
        // natsboot's own (nats-server has no such flag)
        flag(Kind.BOOL, (cl, v) -> cl.tailnet = Boolean.parseBoolean(v), "natsboot_tailnet");
        // TLS
        flag(Kind.BOOL, (cl, v) -> cl.tlsFlags.tls(Boolean.parseBoolean(v)), "tls");
        flag(Kind.BOOL, (cl, v) -> cl.tlsFlags.verify(Boolean.parseBoolean(v)), "tlsverify");
        flag(Kind.VALUE, (cl, v) -> cl.tlsFlags.cert(v), "tlscert");
        flag(Kind.VALUE, (cl, v) -> cl.tlsFlags.key(v), "tlskey");
        flag(Kind.VALUE, (cl, v) -> cl.tlsFlags.caCert(v), "tlscacert");
        flag(Kind.BOOL, (cl, v) -> cl.helpTls = Boolean.parseBoolean(v), "help_tls");
        // Common
        flag(Kind.BOOL, (cl, v) -> cl.help = Boolean.parseBoolean(v), "h", "help");
        flag(Kind.BOOL, (cl, v) -> cl.version = Boolean.parseBoolean(v), "v", "version");
        // Known to nats-server, not implemented by natsboot
        refused(Kind.VALUE, "HTTPS monitoring is not supported by natsboot yet", "ms", "https_port");
        refused(Kind.BOOL, "JetStream is not supported by natsboot yet", "js", "jetstream");
        refused(Kind.VALUE, "JetStream is not supported by natsboot yet", "sd", "store_dir");
        refused(Kind.BOOL, "syslog is not supported by natsboot yet", "s", "syslog");
        refused(Kind.VALUE, "syslog is not supported by natsboot yet", "r", "remote_syslog");
        refused(Kind.VALUE, "log size limits are not supported by natsboot yet", "log_size_limit");
        refused(Kind.VALUE, "limiting traced message length is not supported by natsboot yet",
                "max_traced_msg_len");
        refused(Kind.VALUE, "the profiling port is not supported by natsboot", "profile");
    }

    // ---- values ----------------------------------------------------------------------------------------------

    /** Go's {@code strconv.ParseBool}. */
    private static boolean parseBool(String flag, String v) {
        switch (v) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return true;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return false;
            default:
                throw new CommandLineException("invalid boolean value \"" + v + "\" for flag -" + flag, true);
        }
    }

    /** Go's {@code strconv.ParseInt(v, 0, 64)}: decimal, {@code 0x}, {@code 0o}, {@code 0b}, leading-0 octal. */
    static long integer(String flag, String v, long min, long max) {
        String s = v;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (radix != 10 || s.contains("_")) {
            if (s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
                throw badNumber(flag, v);
            }
            s = s.replace("_", "");
        }
        try {
            if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
                throw new NumberFormatException(v);
            }
            long n = Long.parseLong(negative ? "-" + s : s, radix);
            if (n < min || n > max) {
                throw new CommandLineException("invalid value \"" + v + "\" for flag -" + flag
                        + ": out of range", true);
            }
            return n;
        } catch (NumberFormatException e) {
            throw badNumber(flag, v);
        }
    }

    private static CommandLineException badNumber(String flag, String v) {
        return new CommandLineException("invalid value \"" + v + "\" for flag -" + flag + ": not an integer", true);
    }

    private static int port(String flag, String v) {
        return (int) integer(flag, v, -1, 65535);
    }

    private static List<String> splitRoutes(String v) {
        List<String> routes = new ArrayList<>();
        for (String r : v.split(",")) {
            String route = r.trim();
            if (!route.isEmpty()) {
                routes.add(route);
            }
        }
        return Collections.unmodifiableList(routes);
    }

    /** {@code scheme://[user[:password]@]host:port} as given to {@code --cluster}; port -1 means random. */
    private record ClusterUrl(String host, int port, String user, String password) {

        static ClusterUrl parse(String url) {
            int scheme = url.indexOf("://");
            if (scheme <= 0) {
                throw invalid(url, "expected a URL such as nats://0.0.0.0:6222");
            }
            String rest = url.substring(scheme + 3);
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                rest = rest.substring(0, slash);
            }
            String user = null;
            String password = null;
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                String info = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            String host;
            String port;
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                    throw invalid(url, "expected [ipv6]:port");
                }
                host = rest.substring(1, close);
                port = rest.substring(close + 2);
            } else {
                int colon = rest.lastIndexOf(':');
                if (colon < 0) {
                    throw invalid(url, "the port is missing");
                }
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw invalid(url, "the host is missing");
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw invalid(url, "the port is not a number");
            }
            if (p < -1 || p > 65535) {
                throw invalid(url, "the port is out of range");
            }
            return new ClusterUrl(host, p, user, password);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static CommandLineException invalid(String url, String why) {
            return new CommandLineException("invalid cluster URL \"" + url + "\": " + why, false);
        }

        void applyTo(ServerOptions o) {
            ServerOptions.Cluster c = o.getCluster();
            c.setHost(host);
            c.setPort(port == -1 ? 0 : port == 0 ? -1 : port);
            if (user != null) {
                c.setUser(user);
                c.setPassword(password);
            }
        }
    }

    // ---- usage -------------------------------------------------------------------------------------------------

    /** The text printed by {@code --help_tls}. */
    public static String tlsUsage() {
        return TLS_USAGE;
    }

    private static final String TLS_USAGE = String.join("\n",
            "",
            "TLS is set in the tls section of a configuration file (cluster { tls { ... } } for routes):",
            "",
            "    tls {",
            "        cert_file: \"./certs/server-cert.pem\"",
            "        key_file:  \"./certs/server-key.pem\"",
            "        ca_file:   \"./certs/ca.pem\"",
            "        verify:    true",
            "        timeout:   2",
            "        cipher_suites: [",
            "            \"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"",
            "            \"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"",
            "        ]",
            "    }",
            "    allow_non_tls: false",
            "",
            "Keys are PEM files; private keys in PKCS#8, PKCS#1 (RSA) or SEC1 (EC) form, unencrypted.",
            "Versions are TLS 1.2 and 1.3; cipher suites use the JDK's (IANA) names.",
            "");

    /** The help text printed by {@code -h}. */
    public static String usage() {
        return USAGE;
    }

    private static final String USAGE = String.join("\n",
            "",
            "Usage: nats-server [options]",
            "",
            "Server:",
            "  -a, --addr, --net <host>          Address to bind the client listener to (default 0.0.0.0)",
            "  -p, --port <port>                 Client port (default 4222; -1 picks a free port)",
            "  -n, --name, --server_name <name>  Name of this server (default: its generated id)",
            "  -P, --pid <file>                  Write the process id to this file",
            "  -m, --http_port <port>            Serve monitoring over HTTP on this port (-1 picks a free port)",
            "  -c, --config <file>               Read settings from this configuration file",
            "  -t                                Check the configuration file, then exit",
            "      --client_advertise <host:port> Address announced to clients instead of the bound one",
            "      --ports_file_dir <dir>        Write <program>_<pid>.ports listing the bound URLs into <dir>",
            "  -sl, --signal <signal>[=<pid>]    Send a signal to a running server (ldm, stop, quit, term);",
            "                                    <pid> may be a pid file; without it, the one natsboot server running",
            "",
            "Logging:",
            "  -l, --log <file>                  Append log lines to this file instead of stderr",
            "  -T, --logtime[=false]             Prefix log lines with a timestamp (default true)",
            "  -D, --debug                       Log debug messages",
            "  -V, --trace                       Log the protocol traffic (-VV is accepted as -V)",
            "  -DV                               Both -D and -V (-DVV is accepted as -DV)",
            "",
            "Authorization:",
            "      --user <user>                 User name clients must present",
            "      --pass <password>             Password clients must present",
            "      --auth <token>                Token clients must present",
            "",
            "TLS:",
            "      --tls                         Enable TLS for clients (certificate and key required)",
            "      --tlscert <file>              Server certificate file (PEM)",
            "      --tlskey <file>               Private key of the server certificate (PEM)",
            "      --tlsverify                   Enable TLS and require a client certificate",
            "      --tlscacert <file>            CA certificates that client certificates are checked against",
            "      --help_tls                    How to configure TLS in a configuration file",
            "",
            "Cluster:",
            "      --cluster, --cluster_listen <url>  Accept routes on this URL, e.g. nats://0.0.0.0:6222",
            "      --cluster_name <name>         Name of the cluster",
            "      --routes <url,url,...>        Routes to connect to, comma separated",
            "      --cluster_advertise <host:port>  Address announced to other servers",
            "      --no_advertise                Do not tell clients about the other servers of the cluster",
            "      --connect_retries <n>         Connect attempts for routes found through gossip",
            "",
            "natsboot extensions (not in nats-server):",
            "      --natsboot_tailnet            Seed routes from the local Tailscale daemon's online peers at the",
            "                                    cluster port (config file: natsboot { tailnet { ... } })",
            "",
            "Other:",
            "  -h, --help                        Print this text",
            "  -v, --version                     Print the version",
            "",
            "Recognised but not supported by natsboot yet: --https_port/-ms, -js/--jetstream, -sd/--store_dir,",
            "-s/--syslog, -r/--remote_syslog, --log_size_limit, --max_traced_msg_len, --profile, -sl reopen|reload.",
            "");
}
