package io.natsboot.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo run as a user runs it, in its own JVM with Boot's default logging (Logback), and stopped as a user stops
 * it (SIGTERM): the application's connection is logged once with its URL and transport, and the embedded node's lines
 * reach the Boot log, its shutdown lines included (the JVM's shutdown hook resets java.util.logging, through which
 * the engine logs, while Spring's still stops the node).
 */
class DemoLogLinesTests {

    @Test
    void connectionAndNodeLinesReachTheBootLogUpToTheNodeShutdown() throws Exception {
        Path log = Files.createTempFile("natsboot-demo", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DemoApplication.class.getName(), "--server.port=0", "--nats.server.port=0",
                "--nats.server.cluster.port=0", "--spring.main.banner-mode=off")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> read(log).contains("Started DemoApplication"));
            String started = read(log);
            assertThat(started).containsPattern("io\\.natsboot\\.server\\.NatsServer +: Server is ready");
            assertThat(started).containsPattern(
                    "Connected to nats://[a-z0-9.-]+\\.in-process\\.invalid:\\d+ \\(embedded node, in-process\\)");
            assertThat(started.split("Connected to nats://", -1)).hasSize(2);

            demo.destroy();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(read(log)).containsPattern("io\\.natsboot\\.server\\.NatsServer +: Server Exiting\\.\\.");
        }
        finally {
            demo.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws Exception {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

}
