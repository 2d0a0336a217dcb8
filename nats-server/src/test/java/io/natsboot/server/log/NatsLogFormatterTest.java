package io.natsboot.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NatsLogFormatterTest {

    private static final Instant AT = Instant.parse("2026-11-21T05:52:42.123456789Z");

    private static LogRecord record(Level level, String message, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setInstant(AT);
        r.setParameters(params.length == 0 ? null : params);
        return r;
    }

    @Test
    void formatsLikeNatsServerWithTimestamps() {
        NatsLogFormatter f = new NatsLogFormatter(true, 1234, ZoneId.of("UTC"), false);
        assertThat(f.format(record(Level.INFO, "Server is ready")))
                .isEqualTo("[1234] 2026/11/21 05:52:42.123456 [INF] Server is ready\n");
    }

    @Test
    void usesTheGivenTimeZone() {
        NatsLogFormatter f = new NatsLogFormatter(true, 7, ZoneId.of("Europe/Paris"), false);
        assertThat(f.format(record(Level.INFO, "x"))).isEqualTo("[7] 2026/11/21 06:52:42.123456 [INF] x\n");
    }

    @Test
    void formatsWithoutTimestamps() {
        NatsLogFormatter f = new NatsLogFormatter(false, 1234, ZoneId.of("UTC"), false);
        assertThat(f.format(record(Level.WARNING, "careful"))).isEqualTo("[1234] [WRN] careful\n");
    }

    @ParameterizedTest
    @CsvSource({
        "FATAL, [FTL]",
        "SEVERE, [ERR]",
        "WARNING, [WRN]",
        "INFO, [INF]",
        "CONFIG, [DBG]",
        "FINE, [DBG]",
        "FINER, [TRC]",
        "FINEST, [TRC]"
    })
    void tagsLevels(String level, String tag) {
        Level l = level.equals("FATAL") ? NatsLogFormatter.FATAL : Level.parse(level);
        assertThat(NatsLogFormatter.tag(l)).isEqualTo(tag);
    }

    @Test
    void systemLoggerLevelsMapToTheirTags() {
        // How the JDK bridges System.Logger onto java.util.logging levels.
        assertThat(NatsLogFormatter.tag(Level.FINE)).as("DEBUG").isEqualTo("[DBG]");
        assertThat(NatsLogFormatter.tag(Level.FINER)).as("TRACE").isEqualTo("[TRC]");
    }

    @Test
    void fillsInParameters() {
        NatsLogFormatter f = new NatsLogFormatter(false, 1, ZoneId.of("UTC"), false);
        assertThat(f.format(record(Level.INFO, "Listening on {0}:{1}", "0.0.0.0", "4222")))
                .isEqualTo("[1] [INF] Listening on 0.0.0.0:4222\n");
    }

    @Test
    void appendsExceptionsInlineAndStackTracesOnlyWhenAsked() {
        LogRecord r = record(Level.SEVERE, "bind failed");
        r.setThrown(new IllegalStateException("port in use"));
        assertThat(new NatsLogFormatter(false, 1, ZoneId.of("UTC"), false).format(r))
                .isEqualTo("[1] [ERR] bind failed: java.lang.IllegalStateException: port in use\n");
        assertThat(new NatsLogFormatter(false, 1, ZoneId.of("UTC"), true).format(r))
                .startsWith("[1] [ERR] bind failed: java.lang.IllegalStateException: port in use\n"
                        + "java.lang.IllegalStateException: port in use\n\tat ");
    }

    @Test
    void defaultsToThisProcess() {
        assertThat(new NatsLogFormatter(true).format(record(Level.INFO, "m")))
                .matches("\\[" + ProcessHandle.current().pid() + "\\] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} "
                        + "\\[INF\\] m\n");
    }
}
