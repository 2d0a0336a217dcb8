package io.natsboot.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code -sl}/{@code --signal <command>[=<pid or pid file>]}: sends a running server the signal for a command, as
 * nats-server does: {@code ldm} SIGUSR2 (lame duck mode), {@code stop} SIGKILL, {@code quit} SIGINT, {@code term}
 * SIGTERM. Without a pid it looks for the one natsboot server running on this machine. {@code reopen} (SIGUSR1) and
 * {@code reload} (SIGHUP) are refused: natsboot can neither reopen its log file nor reload its configuration, and a
 * JVM ends on SIGHUP.
 */
final class SignalCommand {

    /** Sends a signal ({@code USR2}, {@code KILL}, ...) to a process; throws with a readable message. */
    @FunctionalInterface
    interface Sender {
        void send(long pid, String signal) throws IOException;
    }

    private static final Map<String, String> SIGNALS = Map.of(
            "ldm", "USR2", "stop", "KILL", "quit", "INT", "term", "TERM");
    private static final Map<String, String> NOT_SUPPORTED = Map.of(
            "reopen", "natsboot cannot reopen its log file: restart the server to start a new one",
            "reload", "natsboot cannot reload its configuration: restart the server (lame duck mode first: ldm)");

    private final Sender sender;
    private final Supplier<List<Long>> runningServers;

    SignalCommand(Sender sender, Supplier<List<Long>> runningServers) {
        this.sender = sender;
        this.runningServers = runningServers;
    }

    /** With {@code kill} and the natsboot servers found among this machine's processes. */
    static SignalCommand ofThisMachine() {
        return new SignalCommand(SignalCommand::kill, SignalCommand::natsbootProcesses);
    }

    /** Sends the signal {@code argument} ({@code command[=pid]}) asks for; throws with nats-server's wording. */
    void run(String argument) {
        String[] parts = argument.split("=", -1);
        if (parts.length > 2) {
            throw new CommandLineException("invalid signal parameters: " + List.of(parts).subList(2, parts.length)
                    .stream().collect(Collectors.joining(" ", "[", "]")), false);
        }
        String command = parts[0];
        String refusal = NOT_SUPPORTED.get(command);
        if (refusal != null) {
            throw new CommandLineException(refusal + " (-sl " + command + ")", false);
        }
        String signal = SIGNALS.get(command);
        long pid = parts.length == 2 ? pid(readPidFile(parts[1])) : theRunningServer();
        if (signal == null) {
            throw new CommandLineException("unknown signal \"" + command + "\"", false);
        }
        try {
            sender.send(pid, signal);
        } catch (IOException e) {
            throw new CommandLineException(e.getMessage(), false);
        }
    }

    // as nats-server: a path to a readable file means its content, anything else is the pid itself
    private static String readPidFile(String pidOrFile) {
        try {
            Path file = Path.of(pidOrFile);
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not a readable file: the text is the pid
        }
        return pidOrFile;
    }

    private static long pid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CommandLineException("invalid pid: " + text, false);
        }
    }

    private long theRunningServer() {
        List<Long> pids = runningServers.get();
        if (pids.isEmpty()) {
            throw new CommandLineException("no " + CommandLine.PROGRAM + " processes running", false);
        }
        if (pids.size() > 1) {
            throw new CommandLineException("multiple " + CommandLine.PROGRAM + " processes running:\n"
                    + pids.stream().map(String::valueOf).collect(Collectors.joining("\n")), false);
        }
        return pids.get(0);
    }

    // a natsboot server is a JVM running the standalone jar or its main class; this process is left out
    private static List<Long> natsbootProcesses() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(SignalCommand::isNatsbootServer).orElse(false))
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
    }

    static boolean isNatsbootServer(String commandLine) {
        return commandLine.contains(Main.class.getName()) || commandLine.matches(".*\\bnats-server[^ /]*\\.jar\\b.*");
    }

    private static void kill(long pid, String signal) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            throw new IOException("no such process");
        }
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
        try {
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (kill.waitFor() != 0) {
                throw new IOException(output.isEmpty() ? "kill -s " + signal + " " + pid + " failed" : output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + pid, e);
        }
    }
}
