package io.natsboot.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -sl}/{@code --signal}: nats-server's commands, pid and pid file, and its error wording. */
class SignalCommandTest {

    private final List<String> sent = new ArrayList<>();
    private List<Long> running = List.of(4321L);

    private SignalCommand command() {
        return new SignalCommand((pid, signal) -> sent.add(signal + " " + pid), () -> running);
    }

    @ParameterizedTest
    @CsvSource({"ldm=123, USR2 123", "stop=123, KILL 123", "quit=123, INT 123", "term=123, TERM 123",
        "ldm, USR2 4321", "term, TERM 4321"})
    void sendsTheSignalOfEachCommand(String argument, String expected) {
        command().run(argument);
        assertThat(sent).containsExactly(expected);
    }

    @Test
    void readsThePidFromAPidFile(@TempDir Path dir) throws IOException {
        Path pidFile = Files.writeString(dir.resolve("nats.pid"), "777");
        command().run("ldm=" + pidFile);
        assertThat(sent).containsExactly("USR2 777");
    }

    @Test
    void wordsErrorsAsNatsServer() {
        assertThatThrownBy(() -> command().run("ldm=abc")).hasMessage("invalid pid: abc");
        assertThatThrownBy(() -> command().run("ldm=1=2=3")).hasMessage("invalid signal parameters: [2 3]");
        assertThatThrownBy(() -> command().run("bogus=1")).hasMessage("unknown signal \"bogus\"");
        running = List.of();
        assertThatThrownBy(() -> command().run("ldm")).hasMessage("no nats-server processes running");
        running = List.of(1L, 2L);
        assertThatThrownBy(() -> command().run("ldm")).hasMessage("multiple nats-server processes running:\n1\n2");
        assertThat(sent).isEmpty();
    }

    @Test
    void refusesWhatNatsbootCannotDo() {
        assertThatThrownBy(() -> command().run("reload=1")).hasMessageContaining("cannot reload its configuration");
        assertThatThrownBy(() -> command().run("reopen")).hasMessageContaining("cannot reopen its log file");
        assertThat(sent).isEmpty();
    }

    @Test
    void recognisesTheStandaloneServer() {
        assertThat(SignalCommand.isNatsbootServer("/usr/bin/java -jar nats-server/target/nats-server.jar -p 4222"))
                .isTrue();
        assertThat(SignalCommand.isNatsbootServer("java -cp x io.natsboot.server.cli.Main -p 1")).isTrue();
        assertThat(SignalCommand.isNatsbootServer("/usr/sbin/nats-server -p 4222")).isFalse();
    }

    @Test
    void theCommandLineSignalsARealProcessAndExits() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Main main = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), o -> {
                        throw new AssertionError("no server is started to send a signal");
                    }, new Main.ProcessLifecycle());
            assertThat(main.execute("--signal", "term=" + sleeper.pid())).isEqualTo(0);
            assertThat(sleeper.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(sleeper.exitValue()).isEqualTo(128 + 15);
            assertThat(main.execute("-sl", "quit=" + sleeper.pid())).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("nats-server: no such process\n");
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
