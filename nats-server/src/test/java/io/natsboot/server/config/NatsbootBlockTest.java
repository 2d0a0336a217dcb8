package io.natsboot.server.config;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.route.TailnetRouteDiscovery;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** natsboot's own config block, {@code natsboot { tailnet { ... } }}. */
class NatsbootBlockTest {

    private static ServerOptions load(String text) {
        ServerOptions options = new ServerOptions();
        assertThat(ConfigFileOptions.apply(new ConfigParser(k -> null).parse(text, "f.conf", Path.of(".")), options))
                .isEmpty();
        return options;
    }

    private static TailnetRouteDiscovery tailnet(ServerOptions options) {
        assertThat(options.getCluster().getDiscovery()).singleElement().isInstanceOf(TailnetRouteDiscovery.class);
        return (TailnetRouteDiscovery) options.getCluster().getDiscovery().get(0);
    }

    @Test
    void anEmptyTailnetBlockEnablesItWithTheDefaultsAndTheClusterPortDeclaredAfterIt() {
        TailnetRouteDiscovery t = tailnet(load("natsboot { tailnet {} }\ncluster { listen: 0.0.0.0:7222 }\n"));
        assertThat(t.socket()).isEqualTo(Path.of("/var/run/tailscale/tailscaled.sock"));
        assertThat(t.port()).isEqualTo(7222);
        assertThat(t.tag()).isNull();
        assertThat(t.hostPrefix()).isNull();
        assertThat(t.ipv6()).isFalse();
        assertThat(t.refreshInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tailnet(load("natsboot { tailnet {} }")).port()).isEqualTo(6222);
    }

    @Test
    void everySettingIsRead() {
        TailnetRouteDiscovery t = tailnet(load("""
                natsboot {
                  tailnet {
                    socket: "/run/ts.sock"
                    tag: nats
                    host_prefix: "Orders-"
                    port: 16222
                    ipv6: true
                    refresh_interval: "2s"
                  }
                }
                """));
        assertThat(t.socket()).isEqualTo(Path.of("/run/ts.sock"));
        assertThat(t.tag()).isEqualTo("tag:nats");
        assertThat(t.hostPrefix()).isEqualTo("orders-");
        assertThat(t.port()).isEqualTo(16222);
        assertThat(t.ipv6()).isTrue();
        assertThat(t.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.toString()).isEqualTo("tailnet:/run/ts.sock");
    }

    @Test
    void enabledFalseSwitchesItOff() {
        assertThat(load("natsboot { tailnet { enabled: false } }").getCluster().getDiscovery()).isEmpty();
    }

    @Test
    void badSettingsNameTheKeyAndWhere() {
        assertThatThrownBy(() -> load("natsboot {\n  tailnet { port: 70000 }\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("f.conf:2:13")
                .hasMessageContaining("expected a port from 1 to 65535");
        assertThatThrownBy(() -> load("natsboot { tailnet { refresh_interval: \"0s\" } }"))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> load("natsboot { tailnet { tags: nats } }"))
                .hasMessageContaining("unknown field \"tags\" in natsboot.tailnet");
        assertThatThrownBy(() -> load("natsboot { gateway {} }"))
                .hasMessageContaining("unknown field \"gateway\" in the natsboot block");
    }
}
