package io.natsboot.server.config;

import io.natsboot.server.options.GoDuration;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.AuthorizationCheck;
import io.natsboot.server.options.OptionViolation;
import io.natsboot.server.options.OptionsRule;
import io.natsboot.server.options.NKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a parsed nats-server config file onto {@link ServerOptions}, with nats-server 2.9's key names, aliases and
 * checks. Keys are matched without regard to case. A key that nats-server does not know fails as
 * {@code unknown field "x"}; a key nats-server knows but natsboot does not implement (JetStream, accounts...)
 * fails as not supported, so that no setting is silently ignored. Entries used only as {@code $variables} are skipped.
 * {@code tls} blocks are read by {@link TlsBlock}.
 *
 * <p>Ports follow nats-server: {@code -1} asks for a random port (stored as 0), {@code 0} means "not set" (the client
 * port stays 4222, monitoring and cluster stay off).
 */
public final class ConfigFileOptions {

    /** nats-server refuses a shorter {@code lame_duck_duration}. */
    public static final Duration MIN_LAME_DUCK_DURATION = Duration.ofSeconds(30);

    /** nats-server keys natsboot recognises but does not implement. */
    private static final Set<String> UNSUPPORTED_TOP_LEVEL = Set.of(
            "https", "https_port", "http_base_path", "jetstream", "store_dir", "accounts",
            "system_account", "system", "no_system_account", "no_system", "operator", "operators", "root", "roots",
            "root_operators", "resolver", "account_resolver", "accounts_resolver", "resolver_preload",
            "resolver_pinned_accounts", "resolver_tls", "trusted", "trusted_keys", "gateway", "leaf", "leafnodes",
            "websocket", "ws", "mqtt", "syslog", "remote_syslog", "prof_port", "logfile_size_limit",
            "log_size_limit", "max_traced_msg_len", "server_tags", "default_js_domain", "ocsp",
            "disable_sublist_cache", "no_sublist_cache", "max_closed_clients", "lame_duck_mode");
    private static final Set<String> UNSUPPORTED_AUTHORIZATION = Set.of("auth_callout");
    private static final Set<String> UNSUPPORTED_USER = Set.of(
            "allowed_connection_types", "connection_types", "clients");
    private static final Set<String> UNSUPPORTED_CLUSTER = Set.of("permissions");
    /** Route permissions set the deprecated way, inside the cluster's authorization block. */
    private static final Set<String> UNSUPPORTED_CLUSTER_AUTHORIZATION = Set.of(
            "permissions", "default_permissions", "default_permission", "auth_callout");

    private final ServerOptions options;
    private final List<String> warnings = new ArrayList<>();

    private ConfigFileOptions(ServerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Reads {@code file} (resolving {@code $VARS} from the environment) and applies it onto {@code options}.
     *
     * @return warnings: settings accepted in a deprecated form (nats-server prints them and {@code -t} fails on them)
     * @throws ConfigException naming file, line and key of the first problem
     */
    public static List<String> load(Path file, ServerOptions options) {
        return load(file, options, new ConfigParser());
    }

    /** As {@link #load(Path, ServerOptions)} with a given parser (e.g. one with a fake environment). */
    public static List<String> load(Path file, ServerOptions options, ConfigParser parser) {
        return apply(parser.parseFile(file), options);
    }

    /** Applies an already parsed tree; see {@link #load(Path, ServerOptions)}. */
    public static List<String> apply(ConfigValue root, ServerOptions options) {
        ConfigFileOptions mapper = new ConfigFileOptions(options);
        mapper.applyTop(root);
        return List.copyOf(mapper.warnings);
    }

    /**
     * The cross-field checks nats-server makes when it starts, for options from any source.
     *
     * @throws ConfigException without a location
     */
    public static void validate(ServerOptions options) {
        // the violations nats-server reports while reading the file; the rest wait for the server's start
        for (OptionViolation v : OptionsRule.check(options)) {
            switch (v.option()) {
                case "max_payload" -> {
                    if ("max_pending".equals(v.related())) {
                        throw new ConfigException("max_payload (" + options.getMaxPayload()
                                + ") must not be higher than max_pending (" + options.getMaxPending() + ")");
                    }
                }
                case "lame_duck_grace_period", "authorization" -> throw new ConfigException(v.message());
                case "port" -> throw portException("port", options.getPort());
                case "http_port" -> throw portException("http_port", options.getHttpPort());
                case "cluster.port" -> throw portException("cluster port", options.getCluster().getPort());
                default -> {
                }
            }
        }
    }

    private static ConfigException portException(String what, int port) {
        return new ConfigException("invalid " + what + " " + port + ": ports go up to 65535");
    }

    /** natsboot's own block, applied after the rest (its defaults depend on the cluster block). */
    private ConfigEntry natsbootBlock;

    private void applyTop(ConfigValue root) {
        for (ConfigEntry e : root.entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "listen": {
                    HostPort hp = hostPort(e);
                    if (hp.host != null) {
                        options.setHost(hp.host);
                    }
                    options.setPort(clientPort(e, hp.port));
                    break;
                }
                case "port":
                    options.setPort(clientPort(e, integer(e)));
                    break;
                case "host":
                case "net":
                    options.setHost(string(e));
                    break;
                case "server_name": {
                    String name = string(e);
                    options.setServerName(name.isEmpty() ? null : name);
                    break;
                }
                case "client_advertise":
                    options.setClientAdvertise(string(e));
                    break;
                case "http":
                case "monitor_port":
                case "http_port": {
                    if (e.value().type() == ConfigValue.Type.INTEGER) {
                        options.setHttpPort(optionalPort(e, integer(e)));
                    } else {
                        HostPort hp = hostPort(e);
                        if (hp.host != null) {
                            options.setHttpHost(hp.host);
                        }
                        options.setHttpPort(optionalPort(e, hp.port));
                    }
                    break;
                }
                case "max_payload": {
                    int v = int32(e, size(e));
                    options.setMaxPayload(v == 0 ? ServerOptions.DEFAULT_MAX_PAYLOAD : v);
                    break;
                }
                case "max_control_line": {
                    int v = int32(e, size(e));
                    options.setMaxControlLine(v == 0 ? ServerOptions.DEFAULT_MAX_CONTROL_LINE : v);
                    break;
                }
                case "max_pending": {
                    long v = size(e);
                    options.setMaxPending(v == 0 ? ServerOptions.DEFAULT_MAX_PENDING : v);
                    break;
                }
                case "max_connections":
                case "max_conn": {
                    int v = int32(e, size(e));
                    options.setMaxConnections(v == 0 ? ServerOptions.DEFAULT_MAX_CONNECTIONS : v);
                    break;
                }
                case "max_subscriptions":
                case "max_subs":
                    options.setMaxSubscriptions(int32(e, size(e)));
                    break;
                case "ping_interval":
                    options.setPingInterval(duration(e, true));
                    break;
                case "ping_max": {
                    int v = int32(e, integer(e));
                    options.setPingMax(v == 0 ? ServerOptions.DEFAULT_PING_MAX : v);
                    break;
                }
                case "write_deadline":
                    options.setWriteDeadline(duration(e, true));
                    break;
                case "connect_error_reports": {
                    int v = int32(e, integer(e));
                    options.setConnectErrorReports(v == 0 ? ServerOptions.DEFAULT_CONNECT_ERROR_REPORTS : v);
                    break;
                }
                case "reconnect_error_reports": {
                    int v = int32(e, integer(e));
                    options.setReconnectErrorReports(v == 0 ? ServerOptions.DEFAULT_RECONNECT_ERROR_REPORTS : v);
                    break;
                }
                case "lame_duck_duration": {
                    Duration d = duration(e, false);
                    if (d.compareTo(MIN_LAME_DUCK_DURATION) < 0) {
                        throw fail(e, "invalid lame_duck_duration of " + GoDuration.format(d)
                                + ": it must be at least " + GoDuration.format(MIN_LAME_DUCK_DURATION));
                    }
                    options.setLameDuckDuration(d);
                    break;
                }
                case "lame_duck_grace_period": {
                    Duration d = duration(e, false);
                    if (d.isNegative()) {
                        throw fail(e, "invalid lame_duck_grace_period of " + GoDuration.format(d)
                                + ": it must not be negative");
                    }
                    options.setLameDuckGracePeriod(d);
                    break;
                }
                case "no_header_support":
                    options.setNoHeaderSupport(bool(e));
                    break;
                case "debug":
                    options.setDebug(bool(e));
                    break;
                case "trace":
                case "trace_verbose":
                    options.setTrace(bool(e));
                    break;
                case "logtime":
                    options.setLogtime(bool(e));
                    break;
                case "log_file":
                case "logfile":
                    options.setLogFile(string(e));
                    break;
                case "pid_file":
                case "pidfile":
                    options.setPidFile(string(e));
                    break;
                case "ports_file_dir":
                    options.setPortsFileDir(string(e));
                    break;
                case "authorization":
                    applyAuthorization(e);
                    break;
                case "no_auth_user":
                    options.getAuthorization().setNoAuthUser(string(e));
                    break;
                case "cluster":
                    applyCluster(e);
                    break;
                case "tls":
                    TlsBlock.apply(e, options.getTls(), false);
                    break;
                case "allow_non_tls":
                    options.getTls().setAllowNonTls(bool(e));
                    break;
                case "natsboot":
                    natsbootBlock = e;
                    break;
                default:
                    unknown(e, key, UNSUPPORTED_TOP_LEVEL);
                    break;
            }
        }
        if (natsbootBlock != null) {
            NatsbootBlock.apply(natsbootBlock, options);
        }
    }

    private void applyAuthorization(ConfigEntry block) {
        ServerOptions.Authorization auth = options.getAuthorization();
        for (ConfigEntry e : map(block).entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "user":
                case "username":
                    auth.setUser(string(e));
                    break;
                case "password":
                case "pass":
                    auth.setPassword(string(e));
                    break;
                case "token":
                    auth.setToken(string(e));
                    break;
                case "timeout":
                    auth.setTimeout(seconds(e));
                    break;
                case "users":
                    applyUsers(e, auth);
                    break;
                case "default_permission":
                case "default_permissions":
                case "permissions":
                    auth.setDefaultPermissions(PermissionsConfig.parse(e));
                    break;
                default:
                    unknown(e, key, UNSUPPORTED_AUTHORIZATION);
                    break;
            }
        }
        try {
            AuthorizationCheck.checkBlock(auth);
        } catch (IllegalArgumentException bad) {
            throw fail(block, bad.getMessage());
        }
    }

    /** {@code users: [ {user, password, permissions}, {nkey, permissions} ]}, nats-server's checks and wording. */
    private void applyUsers(ConfigEntry list, ServerOptions.Authorization auth) {
        if (!list.value().isList()) {
            throw fail(list, "Expected users field to be an array, got " + list.value().describe());
        }
        auth.getUsers().clear();
        auth.getNkeys().clear();
        for (ConfigValue entry : list.value().elements()) {
            if (!entry.isMap()) {
                throw new ConfigException(entry.location(), list.key(),
                        "Expected user entry to be a map/struct, got " + entry.describe());
            }
            String nkey = "";
            String user = "";
            String password = "";
            Permissions permissions = null;
            for (ConfigEntry e : entry.entries().values()) {
                String key = e.key().toLowerCase(Locale.ROOT);
                switch (key) {
                    case "nkey" -> nkey = string(e);
                    case "user", "username" -> user = string(e);
                    case "pass", "password" -> password = string(e);
                    case "permission", "permissions", "authorization" -> permissions = PermissionsConfig.parse(e);
                    default -> unknown(e, key, UNSUPPORTED_USER);
                }
            }
            if (nkey.isEmpty() && user.isEmpty()) {
                throw new ConfigException(entry.location(), list.key(), "User entry requires a user");
            }
            if (!nkey.isEmpty()) {
                if (!NKeys.isValidPublicUserKey(nkey)) {
                    throw new ConfigException(entry.location(), list.key(), "Not a valid public nkey for a user");
                }
                if (!user.isEmpty() || !password.isEmpty()) {
                    throw new ConfigException(entry.location(), list.key(),
                            "Nkey users do not take usernames or passwords");
                }
                auth.getNkeys().add(new NkeyUser(nkey).setPermissions(permissions));
            } else {
                auth.getUsers().add(new AuthUser(user, password).setPermissions(permissions));
            }
        }
    }

    private void applyCluster(ConfigEntry block) {
        ServerOptions.Cluster cluster = options.getCluster();
        for (ConfigEntry e : map(block).entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "name":
                    cluster.setName(string(e));
                    break;
                case "listen": {
                    HostPort hp = hostPort(e);
                    if (hp.host != null) {
                        cluster.setHost(hp.host);
                    }
                    cluster.setPort(optionalPort(e, hp.port));
                    break;
                }
                case "host":
                case "net":
                    cluster.setHost(string(e));
                    break;
                case "port":
                    cluster.setPort(optionalPort(e, integer(e)));
                    break;
                case "routes": {
                    List<String> routes = new ArrayList<>();
                    for (ConfigValue v : list(e).elements()) {
                        routes.add(routeUrl(e, v));
                    }
                    cluster.getRoutes().clear();
                    cluster.getRoutes().addAll(routes);
                    break;
                }
                case "advertise":
                case "cluster_advertise":
                    cluster.setAdvertise(string(e));
                    break;
                case "no_advertise":
                    cluster.setNoAdvertise(bool(e));
                    break;
                case "connect_retries":
                    cluster.setConnectRetries(int32(e, integer(e)));
                    break;
                case "authorization":
                    applyClusterAuthorization(e, cluster);
                    break;
                case "tls":
                    TlsBlock.apply(e, cluster.getTls(), true);
                    break;
                default:
                    unknown(e, key, UNSUPPORTED_CLUSTER);
                    break;
            }
        }
    }

    private void applyClusterAuthorization(ConfigEntry block, ServerOptions.Cluster cluster) {
        for (ConfigEntry e : map(block).entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "user":
                case "username":
                    cluster.setUser(string(e));
                    break;
                case "password":
                case "pass":
                    cluster.setPassword(string(e));
                    break;
                case "timeout":
                    cluster.setAuthTimeout(seconds(e));
                    break;
                case "token":
                    throw fail(e, "cluster authorization does not support tokens");
                case "users":
                    throw fail(e, "Cluster authorization does not allow multiple users");
                default:
                    unknown(e, key, UNSUPPORTED_CLUSTER_AUTHORIZATION);
                    break;
            }
        }
    }

    private static String routeUrl(ConfigEntry e, ConfigValue v) {
        if (v.type() != ConfigValue.Type.STRING) {
            throw new ConfigException(v.location(), e.key(),
                    "invalid route in \"" + e.key() + "\": expected a URL string, found " + v.describe());
        }
        String url = v.asString().trim();
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(url, "a route needs a scheme and a host, e.g. nats-route://host:6222");
            }
        } catch (URISyntaxException bad) {
            throw new ConfigException(v.location(), e.key(), "invalid route URL \"" + url + "\": "
                    + bad.getReason());
        }
        return url;
    }

    private void unknown(ConfigEntry e, String key, Set<String> unsupported) {
        if (e.isReferenced()) {
            return; // a variable definition
        }
        if (unsupported.contains(key)) {
            throw fail(e, "field \"" + e.key() + "\" is not supported by natsboot yet");
        }
        throw fail(e, "unknown field \"" + e.key() + "\"");
    }

    // ---- value conversions ------------------------------------------------------------------------------------

    static ConfigException fail(ConfigEntry e, String message) {
        return new ConfigException(e.location(), e.key(), message);
    }

    private static ConfigException wrongType(ConfigEntry e, String expected) {
        return fail(e, "invalid value for \"" + e.key() + "\": expected " + expected + ", found "
                + e.value().describe());
    }

    static String string(ConfigEntry e) {
        if (e.value().type() != ConfigValue.Type.STRING) {
            throw wrongType(e, "a string");
        }
        return e.value().asString();
    }

    private static long integer(ConfigEntry e) {
        if (e.value().type() != ConfigValue.Type.INTEGER) {
            throw wrongType(e, "an integer");
        }
        return e.value().asLong();
    }

    private static long size(ConfigEntry e) {
        if (e.value().type() != ConfigValue.Type.INTEGER) {
            throw wrongType(e, "an integer or a size such as 1MB");
        }
        return e.value().asLong();
    }

    private static int int32(ConfigEntry e, long v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw fail(e, "\"" + e.key() + "\" value " + v + " is too big (the limit is " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    static boolean bool(ConfigEntry e) {
        if (e.value().type() != ConfigValue.Type.BOOLEAN) {
            throw wrongType(e, "a boolean (true/false, yes/no, on/off)");
        }
        return e.value().asBoolean();
    }

    static ConfigValue map(ConfigEntry e) {
        if (!e.value().isMap()) {
            throw wrongType(e, "a map { ... }");
        }
        return e.value();
    }

    static ConfigValue list(ConfigEntry e) {
        if (!e.value().isList()) {
            throw wrongType(e, "an array [ ... ]");
        }
        return e.value();
    }

    /**
     * A duration string such as {@code "2s"} or {@code 1h30m}. A bare {@code 2m} is lexed as the size 2,000,000 but
     * is read back from its text here as two minutes. When {@code secondsAllowed}, a plain number is taken as seconds
     * with a warning, as nats-server does for {@code ping_interval} and {@code write_deadline}.
     */
    private Duration duration(ConfigEntry e, boolean secondsAllowed) {
        ConfigValue v = e.value();
        if (v.type() == ConfigValue.Type.STRING) {
            return parseDuration(e, v.asString());
        }
        if (v.type() == ConfigValue.Type.INTEGER) {
            String text = v.text();
            if (!text.isEmpty() && Character.isLetter(text.charAt(text.length() - 1))) {
                return parseDuration(e, text);
            }
            if (secondsAllowed) {
                warnings.add(e.location() + ": \"" + e.key() + "\" should be a duration such as \"" + v.asLong()
                        + "s\"; the number " + v.asLong() + " is taken as seconds");
                return Duration.ofSeconds(v.asLong());
            }
        }
        throw wrongType(e, "a duration such as \"30s\", \"2m\" or \"1h30m\"");
    }

    private static Duration parseDuration(ConfigEntry e, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException bad) {
            throw fail(e, "invalid value for \"" + e.key() + "\": " + bad.getMessage());
        }
    }

    /** A timeout: a number of seconds (decimals allowed) or a duration string. */
    static Duration seconds(ConfigEntry e) {
        ConfigValue v = e.value();
        switch (v.type()) {
            case INTEGER:
                return Duration.ofSeconds(v.asLong());
            case FLOAT:
                return Duration.ofNanos(Math.round(v.asDouble() * 1e9));
            case STRING:
                return parseDuration(e, v.asString());
            default:
                throw wrongType(e, "a number of seconds or a duration such as \"2s\"");
        }
    }

    // ---- addresses and ports ------------------------------------------------------------------------------

    private record HostPort(String host, long port) {
    }

    /** {@code host:port}, {@code :port}, {@code [v6]:port} or a bare port number; the host is null when absent. */
    private static HostPort hostPort(ConfigEntry e) {
        ConfigValue v = e.value();
        if (v.type() == ConfigValue.Type.INTEGER) {
            return new HostPort(null, v.asLong());
        }
        String s = string(e).trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw badAddress(e, s);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw badAddress(e, s);
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        try {
            return new HostPort(host.isEmpty() ? null : host, Long.parseLong(port));
        } catch (NumberFormatException nan) {
            throw badAddress(e, s);
        }
    }

    private static ConfigException badAddress(ConfigEntry e, String s) {
        return fail(e, "invalid value for \"" + e.key() + "\": could not parse address \"" + s
                + "\" (expected host:port, :port or a port number)");
    }

    private static void checkPortRange(ConfigEntry e, long port) {
        if (port < -1 || port > 65535) {
            throw fail(e, "invalid value for \"" + e.key() + "\": port " + port
                    + " is out of range (-1 for a random port, up to 65535)");
        }
    }

    /** The client port: -1 random (0 here), 0 unset (the default 4222). */
    private static int clientPort(ConfigEntry e, long port) {
        checkPortRange(e, port);
        if (port == -1) {
            return 0;
        }
        return port == 0 ? ServerOptions.DEFAULT_PORT : (int) port;
    }

    /** Monitoring and cluster ports: -1 random (0 here), 0 off (-1 here). */
    private static int optionalPort(ConfigEntry e, long port) {
        checkPortRange(e, port);
        if (port == -1) {
            return 0;
        }
        return port == 0 ? -1 : (int) port;
    }
}
