package io.natsboot.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The load generator's settings, parsed from the command line. Mutable so tests can build one in code. */
public final class LoadConfig {

    public static final String NATSBOOT = "natsboot";
    public static final String NATS_SERVER = "nats-server";
    static final List<String> DEFAULT_NATSBOOT_JVM_ARGS = List.of("-XX:+UseG1GC", "-Xms1g", "-Xmx1g");

    private static final Set<String> VALUE_OPTIONS = Set.of("--url", "--label", "--targets", "--natsboot-url",
            "--nats-server-url", "--natsboot-jar", "--natsboot-mode", "--natsboot-jvm-args", "--nats-server-bin",
            "--duration", "-d", "--messages", "-n", "--sizes", "--scenarios", "-s", "--fanout-subs", "--queue-subs",
            "--inflight", "--window", "--window-bytes", "--runs", "--stall-timeout", "--run-timeout", "--out-queue", "--client-buffer",
            "--json", "--markdown", "--md", "--security");

    /** {@code --url}: measure only this server. */
    String url;
    String urlLabel = "server";
    /** {@code --targets}; null means "decide from what is installed". */
    List<String> targets;
    String natsbootUrl;
    String natsServerUrl;
    String natsbootJar = "nats-server/target/nats-server.jar";
    String natsbootMode = "auto";
    /** The natsboot process's JVM options: issue 10's comparison conditions unless {@code --natsboot-jvm-args}. */
    List<String> natsbootJvmArgs = new ArrayList<>(DEFAULT_NATSBOOT_JVM_ARGS);
    String natsServerBin;

    Duration duration = Duration.ofSeconds(3);
    /** Messages (or requests) per measured run; -1 means "run for {@link #duration}". */
    long messages = -1;
    Duration warmup = Duration.ofSeconds(1);
    List<Integer> sizes = List.of(16, 128, 1024);
    List<Scenario> scenarios = List.of(Scenario.values());
    int fanoutSubscribers = 4;
    int queueSubscribers = 4;
    int inflight = 16;
    /** Most messages published but not yet received by the (slowest) subscriber; 0 = no back-pressure. */
    int window = 65_536;
    /**
     * Also caps the window in payload-plus-header bytes (0 = no cap): half of nats-server's default max_pending
     * (64 MB), so that the messages a server holds for the subscriber never make it a slow consumer by design.
     */
    long windowBytes = 32L * 1024 * 1024;
    int runs = 1;
    Duration stallTimeout = Duration.ofSeconds(10);
    Duration runTimeout = Duration.ofSeconds(120);
    int outgoingQueue = 65_536;
    int clientBuffer = 256 * 1024;
    Path json;
    Path markdown;
    boolean quiet;
    /** {@code --security}: how the servers the generator starts are secured, and the clients to match. */
    SecurityProfile security = SecurityProfile.NONE;
    /** The profile's files and client settings for the current run; set by {@link LoadGenerator#run()}. */
    SecuritySetup secured = SecuritySetup.NONE;
    /** {@code --pin}: client and server CPUs; null = not pinned. */
    Pinning pin;
    /** {@code --gc-log}: natsboot writes {@code -Xlog:gc} and the report shows its pauses. */
    boolean gcLog;
    /** Where the GC logs go for the current run; set by {@link LoadGenerator#run()} when {@link #gcLog}. */
    Path gcLogDir;

    public static LoadConfig parse(String... args) {
        LoadConfig c = new LoadConfig();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h", "--help" -> throw new UsageException(null);
                case "--quiet", "-q" -> c.quiet = true;
                case "--warmup" -> {
                    // The seconds are optional: a bare --warmup keeps the default.
                    if (value == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        value = args[++i];
                    }
                    if (value != null) {
                        c.warmup = seconds(a, value);
                    }
                }
                case "--no-warmup" -> c.warmup = Duration.ZERO;
                case "--pin" -> {
                    // The CPUs are optional: a bare --pin means client on CPU 0, servers on CPU 1.
                    if (value == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        value = args[++i];
                    }
                    c.pin = value == null ? Pinning.defaults() : Pinning.parse(value);
                }
                case "--gc-log" -> c.gcLog = true;
                default -> {
                    if (!VALUE_OPTIONS.contains(a)) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("missing value for " + a);
                        }
                        value = args[++i];
                    }
                    c.set(a, value);
                }
            }
        }
        c.validate();
        return c;
    }

    private void set(String option, String v) {
        switch (option) {
            case "--url" -> url = v;
            case "--label" -> urlLabel = v;
            case "--targets" -> targets = targetList(v);
            case "--natsboot-url" -> natsbootUrl = v;
            case "--nats-server-url" -> natsServerUrl = v;
            case "--natsboot-jar" -> natsbootJar = v;
            case "--natsboot-mode" -> natsbootMode = oneOf(option, v, "auto", "process", "embedded");
            case "--natsboot-jvm-args" -> natsbootJvmArgs = v.isBlank() ? new ArrayList<>()
                    : new ArrayList<>(Arrays.asList(v.trim().split("\\s+")));
            case "--nats-server-bin" -> natsServerBin = v;
            case "--duration", "-d" -> {
                duration = seconds(option, v);
                messages = -1;
            }
            case "--messages", "-n" -> messages = positiveLong(option, v);
            case "--sizes" -> sizes = sizeList(v);
            case "--scenarios", "-s" -> scenarios = Scenario.parseList(v);
            case "--fanout-subs" -> fanoutSubscribers = (int) positiveLong(option, v);
            case "--queue-subs" -> queueSubscribers = (int) positiveLong(option, v);
            case "--inflight" -> inflight = (int) positiveLong(option, v);
            case "--window" -> window = (int) nonNegativeLong(option, v);
            case "--window-bytes" -> windowBytes = nonNegativeLong(option, v);
            case "--runs" -> runs = (int) positiveLong(option, v);
            case "--stall-timeout" -> stallTimeout = seconds(option, v);
            case "--run-timeout" -> runTimeout = seconds(option, v);
            case "--out-queue" -> outgoingQueue = (int) positiveLong(option, v);
            case "--client-buffer" -> clientBuffer = (int) positiveLong(option, v);
            case "--json" -> json = Path.of(v);
            case "--markdown", "--md" -> markdown = Path.of(v);
            case "--security" -> security = SecurityProfile.parse(v);
            default -> throw new UsageException("unknown option " + option);
        }
    }

    void validate() {
        if (url != null && (targets != null || natsbootUrl != null || natsServerUrl != null)) {
            throw new UsageException("--url measures a single server; it cannot be combined with --targets/--natsboot-url/--nats-server-url");
        }
        if (sizes.isEmpty() || scenarios.isEmpty()) {
            throw new UsageException("nothing to run: empty --sizes or --scenarios");
        }
        for (int s : sizes) {
            if (s < 0 || s > 8 * 1024 * 1024) {
                throw new UsageException("payload size out of range: " + s);
            }
        }
        if (security == SecurityProfile.TLS && (url != null || natsbootUrl != null || natsServerUrl != null)) {
            // The clients trust only the CA made for this run, which a running server's certificate is not from.
            throw new UsageException("--security tls applies to the servers the generator starts; it cannot be"
                    + " combined with --url/--natsboot-url/--nats-server-url");
        }
        if (pin != null && (url != null || natsbootUrl != null || natsServerUrl != null)) {
            // A running server's CPU is not ours to choose, and its CPU time could not be told apart from others'.
            throw new UsageException("--pin pins the servers the generator starts; it cannot be combined with"
                    + " --url/--natsboot-url/--nats-server-url");
        }
        if (pin != null && natsbootMode.equals("embedded")) {
            throw new UsageException("--pin cannot pin an in-process natsboot: it would share the client's CPU and"
                    + " its CPU time could not be told from the clients'. Use --natsboot-mode process (the default"
                    + " when nats-server/target/nats-server.jar is built)");
        }
        if (stallTimeout.isZero() || runTimeout.isZero()) {
            throw new UsageException("timeouts must be > 0");
        }
    }

    /** The publish window in messages for a payload size: {@link #window} capped by {@link #windowBytes}. */
    int window(int size) {
        if (window == 0 || windowBytes == 0) {
            return window;
        }
        return (int) Math.max(1, Math.min(window, windowBytes / (size + 64L)));
    }

    /** Whether runs are bounded by a message count rather than a duration. */
    boolean countMode() {
        return messages > 0;
    }

    String describeLength() {
        String run = countMode() ? String.format(Locale.ROOT, "%,d messages", messages)
                : String.format(Locale.ROOT, "%s s", secondsText(duration));
        String w = warmup.isZero() ? "no warm-up" : secondsText(warmup) + " s warm-up";
        return run + " per run (" + w + (runs > 1 ? ", median of " + runs + " runs" : "") + ")";
    }

    static String secondsText(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    private static List<String> targetList(String v) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : v.split(",")) {
            String n = t.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals("nats") || n.equals("nats-server") || n.equals("natsserver") || n.equals("official")) {
                out.add(NATS_SERVER);
            } else if (n.equals("natsboot")) {
                out.add(NATSBOOT);
            } else {
                throw new UsageException("unknown target '" + t + "' (natsboot, nats-server)");
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--targets is empty");
        }
        return new ArrayList<>(out);
    }

    private static List<Integer> sizeList(String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add((int) nonNegativeLong("--sizes", s.trim()));
            }
        }
        return out;
    }

    private static String oneOf(String option, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new UsageException(option + " must be one of " + String.join(", ", allowed));
    }

    static Duration seconds(String option, String v) {
        try {
            double s = Double.parseDouble(v);
            if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos((long) (s * 1e9));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects seconds, got '" + v + "'");
        }
    }

    private static long positiveLong(String option, String v) {
        long n = nonNegativeLong(option, v);
        if (n == 0) {
            throw new UsageException(option + " must be > 0");
        }
        return n;
    }

    private static long nonNegativeLong(String option, String v) {
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a non-negative integer, got '" + v + "'");
        }
    }

    static String usage() {
        return """
                Usage: java -jar bench/target/bench.jar [options]
                Measures natsboot and the official nats-server with the jnats client, scenario by scenario,
                and prints both figures and their ratio.

                What to measure
                  --targets natsboot,nats-server  servers to start and compare (default: both if nats-server is
                                                  on the PATH, otherwise natsboot only)
                  --url <nats://host:port>        measure only this already running server (any NATS server)
                  --label <name>                  column name for --url (default "server")
                  --natsboot-url <url>            use a running server as the natsboot target instead of starting one
                  --nats-server-url <url>         use a running server as the nats-server target
                  --natsboot-jar <path>           standalone natsboot jar (default nats-server/target/nats-server.jar,
                                                  looked up from the working directory upwards and beside bench.jar)
                  --natsboot-mode auto|process|embedded
                                                  process: own JVM from the jar; embedded: NatsServer in this JVM;
                                                  auto (default): process if the jar exists, else embedded
                  --natsboot-jvm-args "<args>"    JVM options for the natsboot process, replacing the default
                                                  "-XX:+UseG1GC -Xms1g -Xmx1g"
                  --nats-server-bin <path>        nats-server binary (default: from the PATH)
                  --scenarios <list>              pub,pubsub,fanout,queue,reqreply,reqreply-async,cluster-pubsub,
                                                  cluster-queue or all (default all); the cluster ones start a
                                                  2-node cluster of each server (publisher on node A, subscribers
                                                  on node B / alternating B and A); skipped with --url
                  --sizes 16,128,1024             payload sizes in bytes (default 16,128,1024)
                  --security none|auth|perms|tls  both servers started with the same config file (-c) and the
                                                  clients to match (default none):
                                                  auth: user bench/bench, no permissions;
                                                  perms: the same user with publish/subscribe allow lists
                                                  [bench.>, _INBOX.>] and a deny entry [bench.secret.>];
                                                  tls: server certificate from a CA made at run time, clients
                                                  trusting it. auth and perms also log in to a server given by
                                                  URL (configured alike); tls needs started servers

                How long
                  --duration <s>                  seconds per measured run (default 3)
                  --messages <n>                  messages (requests) per measured run instead of a duration
                  --warmup [<s>]                  warm-up before each measured run (default 1; 0 = none)
                  --no-warmup                     same as --warmup 0
                  --runs <n>                      measure each case n times, report the median (default 1)
                  --stall-timeout <s>             give up a run after this long without progress (default 10)
                  --run-timeout <s>               hard limit per run; partial results are reported (default 120)

                Load shape
                  --fanout-subs <n>               subscribers in the fan-out scenario (default 4)
                  --queue-subs <n>                queue-group members in the queue and cluster-queue scenarios
                                                  (default 4)
                  --inflight <n>                  requests in flight in reqreply-async (default 16)
                  --window <n>                    most messages published but not yet received by the slowest
                                                  subscriber (default 65536; 0 = publish without back-pressure,
                                                  client-side drops are then possible and reported)
                  --window-bytes <n>              also cap the window at n bytes in flight, counting the payload
                                                  plus 64 bytes per message (default 33554432 = half nats-server's
                                                  default max_pending; 0 = no cap)
                  --out-queue <n>                 jnats maxMessagesInOutgoingQueue (default 65536)
                  --client-buffer <bytes>         jnats bufferSize (default 262144)

                Pinned comparison
                  --pin [<client>,<server>]       the load generator on CPU <client>, every server process it
                                                  starts (both nodes of a cluster too) on CPU <server>, with
                                                  taskset (default 0,1); needs natsboot as a process
                  --gc-log                        natsboot writes -Xlog:gc to a file per process; the server CPU
                                                  table shows its GC pauses in each measured window
                  Server CPU per million messages (from /proc/<pid>/stat over the measured window) is shown for
                  every server the generator starts, pinned or not.

                Output
                  --json <file>                   also write all results as JSON
                  --markdown <file>               also write the comparison table as Markdown
                  --quiet                         no progress lines on stderr
                """;
    }

    /** A bad command line; a null message means "just print the usage". */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }
}
