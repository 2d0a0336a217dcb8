package io.natsboot.server.conformance;

import io.natsboot.server.NatsServer;
import io.natsboot.server.test.InfoFields;
import io.natsboot.server.test.RawClient;
import io.natsboot.server.test.TestServers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The INFO a client gets on connect: same fields, same order and same values where they are not per-server. */
class InfoConformanceTest {


    @Test
    void infoHasTheFieldsOfNatsServer() throws Exception {
        NatsServerProcess.requireBinary();
        try (NatsServerProcess official = NatsServerProcess.start("");
             NatsServer natsboot = TestServers.start();
             RawClient a = RawClient.connect(official.port());
             RawClient b = RawClient.connect(natsboot.port())) {
            Map<String, String> expected = InfoFields.of(a.info());
            Map<String, String> actual = InfoFields.of(b.info());

            assertThat(b.info()).startsWith("INFO {").endsWith("}");
            List<String> expectedKeys = new ArrayList<>(expected.keySet());
            // "go" names the Go version nats-server was built with; natsboot has none to report
            expectedKeys.remove("go");
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(expectedKeys);
            for (String same : List.of("version", "proto", "host", "headers", "max_payload", "client_ip")) {
                assertThat(actual.get(same)).as(same).isEqualTo(expected.get(same));
            }
            assertThat(actual.get("server_id")).matches("\"N[A-Z2-7]{55}\"");
            assertThat(actual.get("port")).isEqualTo(String.valueOf(natsboot.port()));
        }
    }

}
