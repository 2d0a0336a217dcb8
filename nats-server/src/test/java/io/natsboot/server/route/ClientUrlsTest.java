package io.natsboot.server.route;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fd00:0:0:0:0:0:0:2|fd00::2",
            "0:0:0:0:0:0:0:1|::1",
            "0:0:0:0:0:0:0:0|::",
            "fe80:0:0:0:1:0:0:5|fe80::1:0:0:5",
            "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
            "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
            "1:0:0:2:0:0:0:3|1:0:0:2::3"})
    void ipv6AddressesAreWrittenShort(String full, String expected) {
        assertThat(ClientUrls.compress(full)).isEqualTo(expected);
    }
}
