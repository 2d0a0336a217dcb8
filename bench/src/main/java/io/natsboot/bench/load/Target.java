package io.natsboot.bench.load;

import java.util.List;

/** A server under test: started before the first scenario, closed after the last. */
interface Target extends AutoCloseable {

    /** The column name, e.g. {@code natsboot}. */
    String name();

    /** Starts the server if this target owns one; returns the URL clients connect to. */
    String start() throws Exception;

    /** How the server runs, for the report header (valid after {@link #start()}). */
    String description();

    /** Null while the server is usable, otherwise why not (e.g. its process exited). */
    default String healthProblem() {
        return null;
    }

    /** The processes of the server (both nodes of a cluster), whose CPU time is measured; empty when unknown. */
    default List<Long> serverPids() {
        return List.of();
    }

    /** Whether its processes write the GC log of {@code --gc-log}. */
    default boolean writesGcLog() {
        return false;
    }

    /** Stops what {@link #start()} started; idempotent. */
    @Override
    void close();

    /** A server that is already running somewhere. */
    record External(String name, String url) implements Target {
        @Override
        public String start() {
            return url;
        }

        @Override
        public String description() {
            return "already running at " + url;
        }

        @Override
        public void close() {
        }
    }

    /** A target that cannot run at all; starting it reports why. */
    record Unavailable(String name, String reason) implements Target {
        @Override
        public String start() {
            throw new IllegalStateException(reason);
        }

        @Override
        public String description() {
            return "unavailable";
        }

        @Override
        public void close() {
        }
    }
}
