package io.natsboot.server.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The client INFO, byte for byte, in nats-server's field order; {@code ldm} comes last, after {@code connect_urls}. */
class InfoTemplateTest {

    private static final InfoTemplate PLAIN = new InfoTemplate("NID", "n1", null, "127.0.0.1", 4222, true, false,
            1048576, false, false, false);
    private static final String HEAD = "{\"server_id\":\"NID\",\"server_name\":\"n1\",\"version\":\"2.9.10\","
            + "\"proto\":1,\"host\":\"127.0.0.1\",\"port\":4222,\"headers\":true,\"max_payload\":1048576,"
            + "\"client_id\":7,\"client_ip\":\"10.0.0.9\"";

    static Stream<Arguments> infos() {
        return Stream.of(
                arguments("alone", PLAIN, HEAD + "}"),
                arguments("clustered", PLAIN.withCluster("c", List.of("127.0.0.1:4222", "127.0.0.1:4223")),
                        HEAD + ",\"cluster\":\"c\",\"connect_urls\":[\"127.0.0.1:4222\",\"127.0.0.1:4223\"]}"),
                arguments("lame duck, clustered: only the others' URLs",
                        PLAIN.withCluster("c", List.of("127.0.0.1:4222", "127.0.0.1:4223"))
                                .withLameDuck(List.of("127.0.0.1:4223")),
                        HEAD + ",\"cluster\":\"c\",\"connect_urls\":[\"127.0.0.1:4223\"],\"ldm\":true}"),
                arguments("lame duck, alone", PLAIN.withLameDuck(List.of()), HEAD + ",\"ldm\":true}"),
                arguments("after lame duck mode: no flag", PLAIN.withLameDuck(List.of()).withCluster(null, List.of()),
                        HEAD + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infos")
    void writesTheFieldsInNatsServersOrder(String name, InfoTemplate info, String json) {
        assertThat(info.forClient(7, "10.0.0.9", null)).isEqualTo(json);
        assertThat(new String(ProtocolEncoder.info(info.forClient(7, "10.0.0.9", null))))
                .isEqualTo("INFO " + json + "\r\n");
    }
}
