package io.natsboot.server.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Stopping the server processes tests start (the official nats-server), whatever state they are in. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Stops {@code process} (politely, then by force), forgets its JVM shutdown hook and deletes its temporary config
     * file, if any.
     */
    public static void stop(Process process, Thread shutdownHook, Path tempFile) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting
        }
        if (tempFile != null) {
            try {
                Files.deleteIfExists(tempFile);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
