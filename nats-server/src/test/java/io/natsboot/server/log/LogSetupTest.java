package io.natsboot.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsboot.server.options.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSetupTest {

    private static final System.Logger ENGINE = System.getLogger("io.natsboot.server.engine.Test");
    private static final String PREFIX = "[" + ProcessHandle.current().pid() + "] ";

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void reset() {
        LogSetup.reset();
    }

    private List<String> logEveryLevel(ServerOptions options) throws IOException {
        LogSetup.configure(options, new PrintStream(console, true, StandardCharsets.UTF_8));
        ENGINE.log(System.Logger.Level.ERROR, "an error");
        ENGINE.log(System.Logger.Level.WARNING, "a warning");
        ENGINE.log(System.Logger.Level.INFO, "some info");
        ENGINE.log(System.Logger.Level.DEBUG, "a debug line");
        ENGINE.log(System.Logger.Level.TRACE, "<<- [PING]");
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void logsInfoAndAboveByDefault() throws IOException {
        assertThat(logEveryLevel(new ServerOptions().setLogtime(false))).containsExactly(
                PREFIX + "[ERR] an error", PREFIX + "[WRN] a warning", PREFIX + "[INF] some info");
        assertThat(ENGINE.isLoggable(System.Logger.Level.DEBUG)).isFalse();
    }

    @Test
    void debugAddsDebugLines() throws IOException {
        assertThat(logEveryLevel(new ServerOptions().setLogtime(false).setDebug(true))).containsExactly(
                PREFIX + "[ERR] an error", PREFIX + "[WRN] a warning", PREFIX + "[INF] some info",
                PREFIX + "[DBG] a debug line");
    }

    @Test
    void traceAloneAddsTraceLinesButNotDebugLines() throws IOException {
        assertThat(logEveryLevel(new ServerOptions().setLogtime(false).setTrace(true))).containsExactly(
                PREFIX + "[ERR] an error", PREFIX + "[WRN] a warning", PREFIX + "[INF] some info",
                PREFIX + "[TRC] <<- [PING]");
    }

    @Test
    void debugAndTraceLogEverything() throws IOException {
        assertThat(logEveryLevel(new ServerOptions().setLogtime(false).setDebug(true).setTrace(true)))
                .containsExactly(PREFIX + "[ERR] an error", PREFIX + "[WRN] a warning", PREFIX + "[INF] some info",
                        PREFIX + "[DBG] a debug line", PREFIX + "[TRC] <<- [PING]");
    }

    @Test
    void timestampsByDefault() throws IOException {
        assertThat(logEveryLevel(new ServerOptions())).first().asString()
                .matches("\\[\\d+\\] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[ERR\\] an error");
    }

    @Test
    void appendsToTheLogFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nats.log");
        Files.writeString(file, "previous line\n");
        ServerOptions options = new ServerOptions().setLogtime(false).setLogFile(file.toString());
        LogSetup.configure(options, new PrintStream(console, true, StandardCharsets.UTF_8));
        ENGINE.log(System.Logger.Level.INFO, "first run");
        LogSetup.configure(options, new PrintStream(console, true, StandardCharsets.UTF_8));
        ENGINE.log(System.Logger.Level.INFO, "second run");
        assertThat(Files.readAllLines(file)).containsExactly("previous line", PREFIX + "[INF] first run",
                PREFIX + "[INF] second run");
        assertThat(console.size()).isZero();
    }

    @Test
    void refusesALogFileInAMissingDirectoryAndKeepsTheOldSetup(@TempDir Path dir) throws IOException {
        LogSetup.configure(new ServerOptions().setLogtime(false), new PrintStream(console, true,
                StandardCharsets.UTF_8));
        ServerOptions bad = new ServerOptions().setLogFile(dir.resolve("no/such/dir/nats.log").toString());
        assertThatThrownBy(() -> LogSetup.configure(bad)).isInstanceOf(IOException.class);
        ENGINE.log(System.Logger.Level.INFO, "still here");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo(PREFIX + "[INF] still here\n");
    }

    @Test
    void touchesOnlyTheNatsbootLoggerTree() throws IOException {
        Logger root = Logger.getLogger("");
        Handler[] rootHandlers = root.getHandlers();
        java.util.logging.Level rootLevel = root.getLevel();
        Logger other = Logger.getLogger("com.example.Other");
        LogSetup.configure(new ServerOptions().setTrace(true), new PrintStream(console, true,
                StandardCharsets.UTF_8));
        assertThat(root.getHandlers()).containsExactly(rootHandlers);
        assertThat(root.getLevel()).isEqualTo(rootLevel);
        assertThat(other.isLoggable(java.util.logging.Level.FINE)).isFalse();
        other.info("not ours");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("not ours");
        assertThat(Logger.getLogger(LogSetup.ROOT_LOGGER).getUseParentHandlers()).isFalse();

        LogSetup.reset();
        assertThat(Logger.getLogger(LogSetup.ROOT_LOGGER).getHandlers()).isEmpty();
        assertThat(Logger.getLogger(LogSetup.ROOT_LOGGER).getUseParentHandlers()).isTrue();
    }
}
