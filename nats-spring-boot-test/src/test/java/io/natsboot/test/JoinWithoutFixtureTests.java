package io.natsboot.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * The control for {@link EmbeddedNatsIsolationTests}: the same application and application.yml, started without
 * {@link EmbeddedNats} (only its fixed ports freed), joins the live node. Were it not so, the isolation test would
 * prove nothing.
 */
class JoinWithoutFixtureTests {

    @Test
    void theSameConfigurationJoinsTheLiveNode() throws Exception {
        try (LiveNode live = LiveNode.start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(FixtureTestApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("test.live.cluster-port=" + live.clusterPort(),
                            "test.live.client-port=" + live.clientPort(), "nats.server.port=0",
                            "nats.server.monitoring-port=0", "nats.server.cluster.port=0")
                    .run()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> live.numRoutes() == 1);
        }
    }

}
