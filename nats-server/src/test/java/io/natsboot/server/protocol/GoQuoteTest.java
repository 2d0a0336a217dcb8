package io.natsboot.server.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quoting of subjects in permission {@code -ERR}s, byte for byte as nats-server 2.9.10 sent them for the same
 * SUB subjects (each row was observed from the official binary).
 */
class GoQuoteTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                   | 666f6f2e626172   | "foo.bar"
            quote                   | 74227862         | "t\\"xb"
            backslashes             | 715c5c           | "q\\\\\\\\"
            json-ish                | 7b2261223a       | "{\\"a\\":"
            control bytes           | 697f0007080b0c   | "i\\x7f\\x00\\a\\b\\v\\f"
            cr lf tab               | 0d0a09           | "\\r\\n\\t"
            valid utf-8 kept        | 74e282ac         | "t€"
            emoji kept              | 66f09f9880       | "f😀"
            latin-1 byte            | 6ae9             | "j\\xe9"
            surrogate               | 61eda080         | "a\\xed\\xa0\\x80"
            overlong                | 62c0af           | "b\\xc0\\xaf"
            truncated               | 63e282           | "c\\xe2\\x82"
            lone lead byte          | 6ac3             | "j\\xc3"
            no-break space          | 64c2a0           | "d\\u00a0"
            zero-width space        | 65e2808b         | "e\\u200b"
            private use             | 67ee8080         | "g\\ue000"
            last code point         | 68f48fbfbf       | "h\\U0010ffff"
            """)
    void quotesAsNatsServer(String name, String subjectHex, String expected) {
        String subject = new String(HexFormat.of().parseHex(subjectHex), StandardCharsets.ISO_8859_1);
        byte[] wire = ProtocolEncoder.err(ErrorTexts.subscriptionViolation(subject, null));

        assertThat(new String(wire, StandardCharsets.UTF_8))
                .isEqualTo("-ERR 'Permissions Violation for Subscription to " + expected + "'\r\n");
    }
}
