package io.natsboot.server.client;

import io.natsboot.server.protocol.ConnectOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a CONNECT adds to a client's log prefix, as nats-server 2.9 builds it (client.go, processConnect). */
class ClientDescriptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                                   | ''",
        "{\"name\":\"orders\"}                                | '\"orders\"'",
        "{\"lang\":\"java\"}                                  | '\"java\"'",
        "{\"version\":\"2.26.2\"}                             | '\"v2.26.2\"'",
        "{\"lang\":\"java\",\"name\":\"orders\"}              | '\"java:orders\"'",
        "{\"version\":\"1.2\",\"name\":\"orders\"}            | '\"v1.2:orders\"'",
        "{\"version\":\"1.2\",\"lang\":\"go\",\"name\":\"nm\"} | '\"v1.2:go:nm\"'",
        "{\"name\":\"a\\\"b\\u00e9\\t\"}                      | '\"a\\\"bé\\t\"'",
    })
    void versionLangAndNameAsNatsServerQuotesThem(String json, String expected) {
        assertThat(ClientDescription.of(ConnectOptions.parse(json, ConnectOptions.DEFAULTS))).isEqualTo(expected);
    }
}
