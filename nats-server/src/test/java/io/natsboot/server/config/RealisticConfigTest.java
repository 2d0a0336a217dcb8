package io.natsboot.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsboot.server.options.ServerOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A config file written for nats-server, using the keys natsboot supports, loads as nats-server reads it. */
class RealisticConfigTest {

    private static final Map<String, String> ENV = Map.of("ROUTE_PASSWORD", "route-secret");

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RealisticConfigTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void loads() throws Exception {
        ServerOptions o = new ServerOptions();
        List<String> warnings = ConfigFileOptions.load(resource("realistic.conf"), o, new ConfigParser(ENV::get));
        ConfigFileOptions.validate(o);

        assertThat(warnings).isEmpty();
        assertThat(o.getServerName()).isEqualTo("natsboot-node-1");
        assertThat(o.getHost()).isEqualTo("0.0.0.0");
        assertThat(o.getPort()).isEqualTo(4242);
        assertThat(o.getClientAdvertise()).isEqualTo("nats.example.internal:4242");
        assertThat(o.getHttpHost()).isEqualTo("127.0.0.1");
        assertThat(o.getHttpPort()).isEqualTo(8242);
        assertThat(o.getMaxPayload()).isEqualTo(2 * 1024 * 1024);
        assertThat(o.getMaxPending()).isEqualTo(128L * 1024 * 1024);
        assertThat(o.getMaxControlLine()).isEqualTo(8 * 1024);
        assertThat(o.getMaxConnections()).isEqualTo(10_000);
        assertThat(o.getMaxSubscriptions()).isEqualTo(1000);
        assertThat(o.getPingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.getPingMax()).isEqualTo(3);
        assertThat(o.getWriteDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.getLameDuckDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.getLameDuckGracePeriod()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.isDebug()).isFalse();
        assertThat(o.isTrace()).isFalse();
        assertThat(o.isLogtime()).isTrue();
        assertThat(o.getLogFile()).isEqualTo("/var/log/nats/nats-server.log");
        assertThat(o.getPidFile()).isEqualTo("/var/run/nats/nats-server.pid");
        assertThat(o.getPortsFileDir()).isEqualTo("/var/run/nats");
        assertThat(o.getAuthorization().getUser()).isEqualTo("app");
        assertThat(o.getAuthorization().getPassword()).isEqualTo("app-secret-password");
        assertThat(o.getAuthorization().getTimeout()).isEqualTo(Duration.ofMillis(2500));
        ServerOptions.Cluster c = o.getCluster();
        assertThat(c.getName()).isEqualTo("natsboot-east");
        assertThat(c.getHost()).isEqualTo("0.0.0.0");
        assertThat(c.getPort()).isEqualTo(6242);
        assertThat(c.getAdvertise()).isEqualTo("node-1.nats.example.internal:6242");
        assertThat(c.isNoAdvertise()).isTrue();
        assertThat(c.getConnectRetries()).isEqualTo(10);
        assertThat(c.getUser()).isEqualTo("route_user");
        assertThat(c.getPassword()).isEqualTo("route-secret");
        assertThat(c.getRoutes()).containsExactly(
                "nats-route://route_user:route_pass@node-2.nats.example.internal:6242",
                "nats-route://route_user:route_pass@node-3.nats.example.internal:6242");
    }

    @Test
    void theRealNatsServerAcceptsItToo() throws Exception {
        Path binary = NatsServerBinary.require();
        NatsServerBinary.Check check = NatsServerBinary.check(binary, resource("realistic.conf"), ENV);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("is valid");
    }
}
