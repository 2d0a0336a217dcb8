package io.natsboot.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.natsboot.boot.server.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client whose server does not answer ({@code nats.client.fail-on-startup=false}) says so once, naming the URL and
 * the property, where jnats' default listener logged every retry without the URL; repeats go to DEBUG.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoClientLogTests {

    @Test
    void unreachableServerIsLoggedOnceWithItsUrl(CapturedOutput output) throws IOException {
        String url = "nats://127.0.0.1:" + closedPort();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientOnly.class)
            .web(WebApplicationType.NONE)
            .run("--nats.server.enabled=false", "--nats.client.servers=" + url, "--nats.client.fail-on-startup=false",
                    "--nats.client.connection-timeout=200ms", "--nats.client.reconnect-wait=50ms",
                    "--logging.level.io.natsboot.boot.client=DEBUG", "--spring.main.banner-mode=off")) {
            String problem = "Cannot reach NATS server " + url + " (nats.client.servers)";
            await().atMost(Duration.ofSeconds(30)).until(() -> count(output.getOut(), "DEBUG", problem) >= 2);
            assertThat(count(output.getOut(), "WARN", problem)).isEqualTo(1);
            // jnats' default error listener, which named no URL, is not in use
            assertThat(output.getOut()).doesNotContain("exceptionOccurred");
        }
    }

    @Test
    void lostConnectionIsLoggedOnceNamingTheNode(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientOnly.class)
            .web(WebApplicationType.NONE)
            .run("--nats.server.port=0", "--nats.server.host=127.0.0.1", "--nats.client.reconnect-wait=50ms",
                    "--nats.client.transport=tcp", "--logging.level.io.natsboot.boot.client=DEBUG",
                    "--spring.main.banner-mode=off")) {
            EmbeddedNatsServer node = context.getBean(EmbeddedNatsServer.class);
            String url = node.getClientUrl();
            assertThat(count(output.getOut(), "INFO", "Connected to " + url + " (embedded node, TCP)")).isEqualTo(1);
            node.stop();
            await().atMost(Duration.ofSeconds(30))
                .until(() -> count(output.getOut(), "DEBUG", "Cannot reach NATS server " + url) >= 2);
            assertThat(count(output.getOut(), "WARN", "Disconnected from NATS server " + url)).isEqualTo(1);
            assertThat(count(output.getOut(), "WARN", "Cannot reach NATS server " + url)).isEqualTo(1);
        }
    }

    private static long count(String log, String level, String text) {
        Matcher lines = Pattern.compile("(?m)^.*" + Pattern.quote(level) + ".*" + Pattern.quote(text) + ".*$")
            .matcher(log);
        long n = 0;
        while (lines.find()) {
            n++;
        }
        return n;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // no @SpringBootConfiguration, no @Configuration: neither the @SpringBootTest classes' search nor the demo's
    // component scan may find it
    @EnableAutoConfiguration
    static class ClientOnly {

    }

}
