package io.natsboot.server.monitor;

import io.natsboot.server.json.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GoFormatsTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-21T06:15:15.081068540Z, 2026-11-21T06:15:15.08106854Z",
        "2026-11-21T06:15:15Z,           2026-11-21T06:15:15Z",
        "2026-11-21T06:15:15.100Z,       2026-11-21T06:15:15.1Z",
        "2026-01-02T03:04:05.000000001Z, 2026-01-02T03:04:05.000000001Z",
    })
    void timeIsRfc3339NanoInUtcWithoutTrailingZeros(String instant, String expected) {
        assertThat(GoFormats.time(Instant.parse(instant))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "59, 59s",
        "122, 2m2s",
        "3600, 1h0m0s",
        "90061, 1d1h1m1s",
        "31536000, 1y0d0h0m0s",
        "-5, 0s",
    })
    void uptimeCountsWholeSecondsUpToYears(long seconds, String expected) {
        assertThat(GoFormats.uptime(Duration.ofSeconds(seconds).plusMillis(seconds >= 0 ? 999 : 0)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "850, 850ns",
        "1000, 1µs",
        "338512, 338.512µs",
        "1500000, 1.5ms",
        "1000000000, 1s",
        "2500000000, 2.5s",
        "120000000000, 2m0s",
        "3723000000001, 1h2m3.000000001s",
        "-1500000, -1.5ms",
    })
    void durationIsGoDurationString(long nanos, String expected) {
        assertThat(GoFormats.duration(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 1ns",
        "1000, 1µs",
        "338512, 338µs",
        "999999, 999µs",
        "1000000, 1ms",
        "1234567, 1.234567ms",
        "2500000001, 2.500000001s",
    })
    void rttUnderAMillisecondIsCutToMicroseconds(long nanos, String expected) {
        assertThat(GoFormats.rtt(nanos)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0",
        "2 | 2",
        "0.8 | 0.8",
        "0.7142857142857143 | 0.7142857142857143",
        "12.5 | 12.5",
        "1.0E-7 | 1e-7",
        "1.5E21 | 1.5e+21",
        "123456789.25 | 123456789.25",
        "1.0E20 | 100000000000000000000",
        "-3 | -3",
    })
    void doublesAreWrittenAsGoWritesThem(double value, String expected) {
        assertThat(JsonWriter.object().field("v", value).end()).isEqualTo("{\"v\":" + expected + "}");
    }

    @Test
    void prettyJsonIndentsLikeGoMarshalIndent() {
        String compact = "{\"a\":1,\"b\":{},\"c\":[],\"d\":{\"e\":\"x,{}:[]\\\"y\",\"f\":[1,{\"g\":true}]}}";
        assertThat(PrettyJson.indent(compact)).isEqualTo("""
                {
                  "a": 1,
                  "b": {},
                  "c": [],
                  "d": {
                    "e": "x,{}:[]\\"y",
                    "f": [
                      1,
                      {
                        "g": true
                      }
                    ]
                  }
                }""");
    }
}
