package io.natsboot.server.config;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The official nats-server binary, when installed ({@code $NATS_SERVER_BIN} or the {@code PATH}), to check that
 * natsboot accepts and refuses the same config files. Tests needing it are skipped without it, unless
 * {@code CI=true}, where its absence fails them.
 */
final class NatsServerBinary {

    private NatsServerBinary() {
    }

    /** The outcome of {@code nats-server -c file -t}. */
    record Check(int exitCode, String output) {
    }

    static Path require() {
        Path binary = find();
        if (binary == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("the nats-server binary is required when CI=true (install it or set NATS_SERVER_BIN)");
            }
            Assumptions.abort("the nats-server binary is not installed");
        }
        return binary;
    }

    private static Path find() {
        String configured = System.getenv("NATS_SERVER_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs {@code nats-server -c file -t} with exactly the given environment (plus PATH). */
    static Check check(Path binary, Path file, Map<String, String> environment) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-c", file.toString(), "-t")
                .redirectErrorStream(true);
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        pb.environment().putAll(environment);
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                fail("nats-server -t did not finish");
            }
            return new Check(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
