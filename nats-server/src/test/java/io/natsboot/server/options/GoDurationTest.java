package io.natsboot.server.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "2s, 2000000000",
        "-2s, -2000000000",
        "+2s, 2000000000",
        "500ms, 500000000",
        "1.5s, 1500000000",
        ".5s, 500000000",
        "2m, 120000000000",
        "1h30m, 5400000000000",
        "1h30m15s, 5415000000000",
        "1.5h, 5400000000000",
        "10us, 10000",
        "10µs, 10000",
        "7ns, 7",
        "1m0.5s, 60500000000"
    })
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "xx", "s", "1x", "1.2.3s", "-", "1h 30m", "3000000h"})
    void rejectsOtherText(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "7, 7ns",
        "1500, 1.5µs",
        "500000000, 500ms",
        "1500000000, 1.5s",
        "50000000000, 50s",
        "90000000000, 1m30s",
        "3600000000000, 1h0m0s",
        "-2000000000, -2s"
    })
    void formatsLikeGo(long nanos, String text) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }
}
