package io.natsboot.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code --pin}: the load generator on one CPU, every server process it starts on another, with {@code taskset}.
 * The generator pins all of its own threads ({@code taskset -a -p}) rather than re-executing itself under
 * {@code taskset -c}, so that its JVM still sizes its GC and JIT for the whole machine; each server is started as
 * {@code taskset -c <cpu> <command>} (taskset sets the affinity and executes the server in the same process, so the
 * process id stays the server's).
 *
 * @param clientCpu the CPU of the load generator (the jnats clients)
 * @param serverCpu the CPU of every server process (both nodes of a cluster too)
 */
record Pinning(int clientCpu, int serverCpu) {

    static final String TASKSET = "taskset";

    Pinning {
        if (clientCpu < 0 || serverCpu < 0) {
            throw new LoadConfig.UsageException("--pin CPUs must be >= 0");
        }
        if (clientCpu == serverCpu) {
            throw new LoadConfig.UsageException("--pin needs two different CPUs, got " + clientCpu + " twice");
        }
    }

    /** CPU 0 for the client, CPU 1 for the servers. */
    static Pinning defaults() {
        return new Pinning(0, 1);
    }

    /** {@code <client cpu>,<server cpu>}, e.g. {@code 0,1}. */
    static Pinning parse(String v) {
        String[] parts = v.split(",");
        if (parts.length != 2) {
            throw new LoadConfig.UsageException("--pin expects <client cpu>,<server cpu>, e.g. 0,1; got '" + v + "'");
        }
        try {
            return new Pinning(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new LoadConfig.UsageException("--pin expects <client cpu>,<server cpu>, e.g. 0,1; got '" + v + "'");
        }
    }

    /** A server's command line run on the server CPU. */
    List<String> server(List<String> command) {
        List<String> out = new ArrayList<>(List.of(TASKSET, "-c", String.valueOf(serverCpu)));
        out.addAll(command);
        return out;
    }

    /** The command that moves every thread of process {@code pid} onto the client CPU. */
    List<String> clientCommand(long pid) {
        return List.of(TASKSET, "-a", "-p", "-c", String.valueOf(clientCpu), String.valueOf(pid));
    }

    /** Pins this JVM (all its threads; threads started later inherit it) to the client CPU. */
    void pinThisProcess() {
        if (Targets.onPath(TASKSET) == null) {
            throw new IllegalStateException("--pin needs taskset (util-linux) on the PATH");
        }
        List<String> cmd = clientCommand(ProcessHandle.current().pid());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("cannot pin the load generator: " + String.join(" ", cmd)
                        + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning the load generator", e);
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "load generator (all threads) on CPU %d (taskset -a -p), every server"
                + " process on CPU %d (taskset -c %d)", clientCpu, serverCpu, serverCpu);
    }
}
