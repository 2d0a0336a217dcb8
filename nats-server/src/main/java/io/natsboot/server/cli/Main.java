package io.natsboot.server.cli;

import io.natsboot.server.FirstClientWarmup;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerVersion;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.config.ConfigException;
import io.natsboot.server.log.LogSetup;
import io.natsboot.server.log.NatsLogFormatter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code nats-server} program: {@code -h}, {@code -v}, {@code -t}, {@code --signal} (sends a running server a
 * signal: {@link SignalCommand}), or run a server until SIGINT/SIGTERM, or until it ends lame duck mode (SIGUSR2, during
 * which SIGTERM is ignored, as nats-server does; the program then exits 0).
 *
 * <p>Running: options are resolved ({@link CommandLine#resolve()}), logging is set up ({@link LogSetup}), the server
 * is started, the pid file ({@code -P}) and ports file ({@code --ports_file_dir}) are written, then the program waits
 * for a stop signal, shuts the server down, removes both files and exits: 0 after SIGINT and 1 after SIGTERM, as
 * nats-server does. A JVM shutdown hook does the same cleanup when the JVM ends some other way.
 *
 * <p>Exit codes: 0 success, 1 any error (bad flag, bad config, start failure).
 */
public final class Main {


    private static final Logger LOG = Logger.getLogger("io.natsboot.server.cli.Main");

    /** What {@link Main} needs from a server; {@link NatsServer} is adapted by default. */
    public interface ServerHandle {
        /** Binds the listeners; throws with a readable message when it cannot. */
        void start();

        /** The bound client port. */
        int port();

        /** The bound monitoring port, or -1 when monitoring is off. */
        int httpPort();

        /** The bound cluster port, or -1 when unknown or off. */
        default int clusterPort() {
            return -1;
        }

        /** Stops the server; idempotent. */
        void shutdown();

        /** Enters lame duck mode (SIGUSR2); returns at once. */
        default void enterLameDuckMode() {
        }

        /** Whether lame duck mode was entered: SIGTERM is then ignored, as nats-server does. */
        default boolean isLameDuckMode() {
            return false;
        }

        /** Runs {@code action} once the server has shut itself down (at the end of lame duck mode). */
        default void whenShutdown(Runnable action) {
        }
    }

    /** Creates the server for resolved options. */
    @FunctionalInterface
    public interface ServerFactory {
        ServerHandle create(ServerOptions options);
    }

    /** How the program learns that it should stop. */
    public interface Lifecycle {
        /** Arranges for {@code onStop} to be called with {@code "INT"} or {@code "TERM"} when such a signal comes. */
        void onStopSignal(Consumer<String> onStop);

        /** Registers a hook that runs when the JVM exits for any other reason. */
        void addShutdownHook(Thread hook);

        /** Arranges for {@code onLameDuck} to be called when SIGUSR2 comes. */
        default void onLameDuckSignal(Runnable onLameDuck) {
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final ServerFactory factory;
    private final Lifecycle lifecycle;
    private final SignalCommand signals;

    public Main(PrintStream out, PrintStream err, ServerFactory factory, Lifecycle lifecycle) {
        this(out, err, factory, lifecycle, SignalCommand.ofThisMachine());
    }

    Main(PrintStream out, PrintStream err, ServerFactory factory, Lifecycle lifecycle, SignalCommand signals) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    public static void main(String[] args) {
        prepareProcess();
        System.exit(run(args, System.out, System.err));
    }

    /**
     * What the standalone process does before the program proper, so that its first client is served warm: also run
     * by {@link CdsTraining}, so that the class-data archive holds what this loads.
     */
    static void prepareProcess() {
        // Netty 4.2 registers its buffer events with JFR on the first allocation: ~200 ms of JFR start-up paid by the
        // first client. A server nobody records has no use for them; -Dio.netty.jfr.enabled=true keeps them.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        try {
            FirstClientWarmup.run();
        } catch (RuntimeException | LinkageError e) {
            // only a first client's speed is at stake: the server starts anyway
        }
    }

    /** Runs the program with a real {@link NatsServer} and real signals; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Main(out, err, NatsServerHandle::new, new ProcessLifecycle()).execute(args);
    }

    /** {@code nats-server: v2.9.10 (natsboot 0.1.0)}. */
    public static String versionLine() {
        return CommandLine.PROGRAM + ": v" + ServerVersion.NATS_VERSION + " (natsboot " + ServerVersion.natsbootVersion() + ")";
    }

    /** Runs the program; blocks while a server runs; returns the exit code. */
    public int execute(String... args) {
        CommandLine cl;
        try {
            cl = CommandLine.parse(args);
        } catch (CommandLineException e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            if (e.showUsage()) {
                out.print(CommandLine.usage());
            }
            return 1;
        }
        if (cl.isVersion()) {
            out.println(versionLine());
            return 0;
        }
        if (cl.isHelp()) {
            out.print(CommandLine.usage());
            return 0;
        }
        if (cl.isHelpTls()) {
            out.print(CommandLine.tlsUsage());
            return 0;
        }
        if (cl.signal() != null) {
            // as nats-server: the signal is sent before any config file is read, and the program ends
            try {
                signals.run(cl.signal());
                return 0;
            } catch (CommandLineException e) {
                err.println(CommandLine.PROGRAM + ": " + e.getMessage());
                return 1;
            }
        }
        if (cl.isTestConfig() && cl.configFile() == null) {
            err.println(CommandLine.PROGRAM + ": -t checks a configuration file: give it with -c <file>");
            return 1;
        }
        CommandLine.Resolved resolved;
        try {
            resolved = cl.resolve();
        } catch (ConfigException | CommandLineException e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            return 1;
        }
        if (cl.isTestConfig()) {
            if (!resolved.warnings().isEmpty()) {
                resolved.warnings().forEach(w -> err.println(CommandLine.PROGRAM + ": " + w));
                return 1;
            }
            err.println(CommandLine.PROGRAM + ": config file " + cl.configFile() + " is valid");
            return 0;
        }
        return serve(resolved);
    }

    private int serve(CommandLine.Resolved resolved) {
        ServerOptions options = resolved.options();
        try {
            LogSetup.configure(options, err);
        } catch (IOException e) {
            err.println(CommandLine.PROGRAM + ": cannot open log file " + options.getLogFile() + ": "
                    + e.getMessage());
            return 1;
        }
        resolved.warnings().forEach(LOG::warning);

        ServerHandle server;
        try {
            server = factory.create(options);
            server.start();
        } catch (RuntimeException e) {
            LOG.log(NatsLogFormatter.FATAL, describe(e));
            return 1;
        }
        Stopper stopper = new Stopper(server);
        long pid = ProcessHandle.current().pid();
        if (options.getPidFile() != null && !options.getPidFile().isEmpty()) {
            Path pidFile = Path.of(options.getPidFile());
            try {
                Files.writeString(pidFile, Long.toString(pid));
                stopper.removeOnStop(pidFile);
            } catch (IOException e) {
                LOG.log(NatsLogFormatter.FATAL, "cannot write pid file " + pidFile + ": " + describe(e));
                stopper.stop();
                return 1;
            }
        }
        if (options.getPortsFileDir() != null && !options.getPortsFileDir().isEmpty()) {
            Path portsFile = Path.of(options.getPortsFileDir(), CommandLine.PROGRAM + "_" + pid + ".ports");
            try {
                Files.writeString(portsFile, PortsFile.json(options, server));
                stopper.removeOnStop(portsFile);
            } catch (IOException e) {
                LOG.severe("cannot write ports file " + portsFile + ": " + describe(e));
            }
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<String> signal = new AtomicReference<>();
        lifecycle.onStopSignal(name -> {
            if ("TERM".equals(name) && server.isLameDuckMode()) {
                LOG.fine("received signal SIGTERM in lame duck mode: ignored");
                return; // nats-server lets lame duck mode finish
            }
            signal.compareAndSet(null, name);
            stopRequested.countDown();
        });
        lifecycle.onLameDuckSignal(server::enterLameDuckMode);
        server.whenShutdown(stopRequested::countDown);
        lifecycle.addShutdownHook(new Thread(stopper::stop, "natsboot-shutdown"));
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (signal.get() != null) {
            LOG.fine(() -> "received signal SIG" + signal.get() + ", shutting down");
        }
        stopper.stop();
        return "TERM".equals(signal.get()) ? 1 : 0;
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Shuts the server down and removes the files written for it, once. */
    private static final class Stopper {
        private final ServerHandle server;
        private final List<Path> files = new ArrayList<>();
        private boolean stopped;

        Stopper(ServerHandle server) {
            this.server = server;
        }

        synchronized void removeOnStop(Path file) {
            files.add(file);
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                server.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "error while shutting down: " + describe(e));
            }
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warning("cannot remove " + file + ": " + describe(e));
                }
            }
        }
    }

    /** {@link NatsServer} as a {@link ServerHandle}. */
    static final class NatsServerHandle implements ServerHandle {
        private final NatsServer server;

        NatsServerHandle(ServerOptions options) {
            this.server = new NatsServer(options);
        }

        @Override
        public void start() {
            server.start();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public int httpPort() {
            return server.httpPort();
        }

        @Override
        public int clusterPort() {
            return server.clusterPort();
        }

        @Override
        public void shutdown() {
            server.shutdown();
        }

        @Override
        public void enterLameDuckMode() {
            server.enterLameDuckMode();
        }

        @Override
        public boolean isLameDuckMode() {
            return server.isLameDuckMode();
        }

        @Override
        public void whenShutdown(Runnable action) {
            server.whenShutdown().thenRun(action);
        }
    }

    /**
     * SIGINT, SIGTERM and SIGUSR2 through {@code sun.misc.Signal} (in {@code jdk.unsupported}, looked up reflectively,
     * so a JVM without it only loses the exit codes and lame duck mode: the shutdown hook still stops the server),
     * and {@link Runtime#addShutdownHook}.
     */
    static final class ProcessLifecycle implements Lifecycle {
        @Override
        public void onStopSignal(Consumer<String> onStop) {
            for (String name : List.of("INT", "TERM")) {
                trap(name, () -> onStop.accept(name));
            }
        }

        @Override
        public void onLameDuckSignal(Runnable onLameDuck) {
            trap("USR2", onLameDuck);
        }

        private static void trap(String name, Runnable action) {
            try {
                Class<?> signalClass = Class.forName("sun.misc.Signal");
                Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
                Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
                Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(),
                        new Class<?>[] {handlerClass}, (proxy, method, methodArgs) -> {
                            if (method.getName().equals("handle")) {
                                action.run();
                                return null;
                            }
                            if (method.getName().equals("equals")) {
                                return proxy == methodArgs[0];
                            }
                            if (method.getName().equals("hashCode")) {
                                return System.identityHashCode(proxy);
                            }
                            return "natsboot " + name + " handler";
                        });
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.fine(() -> "SIG" + name + " cannot be trapped (" + e + "); relying on the shutdown hook");
            }
        }

        @Override
        public void addShutdownHook(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

}
