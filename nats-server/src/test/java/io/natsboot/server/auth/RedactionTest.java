package io.natsboot.server.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"user\":\"alice\",\"pass\":\"secret\"}|{\"user\":\"alice\",\"pass\":\"[REDACTED]\"}",
        "{\"auth_token\":\"t0k\",\"verbose\":false}|{\"auth_token\":\"[REDACTED]\",\"verbose\":false}",
        "{\"PASS\" : \"a\\\"b\"}|{\"PASS\" : \"[REDACTED]\"}",
        "{\"password\":\"x\"}|{\"password\":\"x\"}",
        "{\"verbose\":true}|{\"verbose\":true}"
    })
    void hidesPasswordsAndTokens(String json, String traced) {
        assertThat(Redaction.connect(json)).isEqualTo(traced);
    }
}
