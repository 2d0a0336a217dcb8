package io.natsboot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsboot.server.options.ServerOptions;
import org.junit.jupiter.api.Test;

class PortsFileTest {

    private static Main.ServerHandle bound(int port, int httpPort, int clusterPort) {
        return new Main.ServerHandle() {
            @Override
            public void start() {
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public int httpPort() {
                return httpPort;
            }

            @Override
            public int clusterPort() {
                return clusterPort;
            }

            @Override
            public void shutdown() {
            }
        };
    }

    @Test
    void listsTheBoundHostAndLeavesOutAbsentListeners() {
        ServerOptions o = new ServerOptions().setHost("127.0.0.1");
        assertThat(PortsFile.json(o, bound(4222, -1, -1))).isEqualTo("{\"nats\":[\"nats://127.0.0.1:4222\"]}");
    }

    @Test
    void listsMonitoringOnItsOwnHostAndTheCluster() {
        ServerOptions o = new ServerOptions().setHost("10.0.0.1").setHttpHost("localhost");
        o.getCluster().setHost("10.0.0.2");
        assertThat(PortsFile.json(o, bound(4222, 8222, 6222))).isEqualTo("{\"nats\":[\"nats://10.0.0.1:4222\"],"
                + "\"monitoring\":[\"http://localhost:8222\"],\"cluster\":[\"nats://10.0.0.2:6222\"]}");
    }

    @Test
    void bracketsIpv6Hosts() {
        assertThat(PortsFile.urls("nats", "::1", 4222)).containsExactly("nats://[::1]:4222");
        assertThat(PortsFile.urls("nats", "[fd00::2]", 4222)).containsExactly("nats://[fd00::2]:4222");
    }

    @Test
    void expandsWildcardHostsToEveryLocalAddress() {
        assertThat(PortsFile.urls("nats", "0.0.0.0", 4222))
                .contains("nats://127.0.0.1:4222")
                .allSatisfy(url -> assertThat(url).matches("nats://([0-9.]+|\\[[0-9a-f:]+\\]):4222")
                        .doesNotContain("%").doesNotContain(":0:0:"));
        assertThat(PortsFile.urls("http", "::", 8222)).contains("http://127.0.0.1:8222");
    }
}
