package io.natsboot.bench.load;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns the command line into the servers to measure. */
final class Targets {

    private Targets() {
    }

    /**
     * The targets in column order (natsboot first). A server that cannot be provided becomes an
     * {@link Target.Unavailable} so that the report names the reason while the others still run.
     */
    static List<Target> create(LoadConfig c, List<String> notes) {
        if (c.url != null) {
            return List.of(new Target.External(c.urlLabel, c.url));
        }
        Path natsServerBinary = c.natsServerUrl == null ? findNatsServer(c) : null;
        List<String> names = c.targets;
        if (names == null) {
            names = new ArrayList<>();
            names.add(LoadConfig.NATSBOOT);
            if (c.natsServerUrl != null || natsServerBinary != null) {
                names.add(LoadConfig.NATS_SERVER);
            } else {
                notes.add("nats-server is not on the PATH: measuring natsboot only (no ratio). "
                        + "Install nats-server v2.9.10 or pass --nats-server-bin / --nats-server-url to compare.");
            }
        }
        List<Target> out = new ArrayList<>();
        if (names.contains(LoadConfig.NATSBOOT)) {
            out.add(natsboot(c, notes));
        }
        if (names.contains(LoadConfig.NATS_SERVER)) {
            if (c.natsServerUrl != null) {
                out.add(new Target.External(LoadConfig.NATS_SERVER, c.natsServerUrl));
            } else if (natsServerBinary != null) {
                out.add(ProcessServerTarget.withProgram(LoadConfig.NATS_SERVER,
                        pinned(c, List.of(natsServerBinary.toString())), c.secured.serverArgs()));
            } else {
                out.add(new Target.Unavailable(LoadConfig.NATS_SERVER, c.natsServerBin != null
                        ? "not an executable file: " + c.natsServerBin
                        : "nats-server not found on the PATH"));
            }
        }
        return out;
    }

    /**
     * For each standalone target in column order, the 2-node cluster of the same kind that the cluster scenarios use,
     * keyed by column name; empty when no cluster scenario is selected. A server given by URL has no cluster to
     * start: its cluster scenarios are skipped with a note.
     */
    static java.util.Map<String, Target> clusters(LoadConfig c, List<Target> standalone, List<String> notes) {
        java.util.Map<String, Target> out = new java.util.LinkedHashMap<>();
        if (c.scenarios.stream().noneMatch(Scenario::isCluster)) {
            return out;
        }
        for (Target t : standalone) {
            if (t instanceof ProcessServerTarget p && !p.program().isEmpty()) {
                out.put(t.name(), new ClusterTarget(t.name(), p.program(), c.secured));
            } else if (t instanceof Target.External) {
                notes.add("cluster scenarios skipped for " + t.name() + ": it is a running server given by URL, and"
                        + " the cluster scenarios need a 2-node cluster the load generator starts itself.");
            } else if (t instanceof EmbeddedNatsbootTarget) {
                out.put(t.name(), new Target.Unavailable(t.name(), "the natsboot cluster needs the standalone jar "
                        + c.natsbootJar + " (build it with: mvn -pl nats-server -am -DskipTests package)"));
            } else if (t instanceof Target.Unavailable u) {
                out.put(t.name(), new Target.Unavailable(t.name(), u.reason()));
            }
        }
        return out;
    }

    private static Target natsboot(LoadConfig c, List<String> notes) {
        if (c.natsbootUrl != null) {
            return new Target.External(LoadConfig.NATSBOOT, c.natsbootUrl);
        }
        Path jar = findJar(c.natsbootJar);
        String missingJar = "natsboot jar not found: " + c.natsbootJar
                + " (build it with: mvn -pl nats-server -am -DskipTests package)";
        switch (c.natsbootMode) {
            case "embedded":
                return embedded(c, notes);
            case "process":
                return jar != null ? natsbootProcess(c, jar) : new Target.Unavailable(LoadConfig.NATSBOOT, missingJar);
            default:
                if (jar != null) {
                    return natsbootProcess(c, jar);
                }
                if (c.pin != null) {
                    return new Target.Unavailable(LoadConfig.NATSBOOT, missingJar
                            + "; --pin needs natsboot in a process of its own, not in the load generator's JVM");
                }
                notes.add("natsboot jar " + c.natsbootJar + " not found: natsboot runs in-process, sharing the "
                        + "load generator's JVM (less fair than a process of its own).");
                return embedded(c, notes);
        }
    }

    private static Target embedded(LoadConfig c, List<String> notes) {
        notes.add("natsboot in-process: no server CPU figure for it (its CPU time is the clients' too)"
                + (c.gcLog ? " and no GC log" : "") + ".");
        return new EmbeddedNatsbootTarget(c.secured);
    }

    private static Target natsbootProcess(LoadConfig c, Path jar) {
        List<String> jvmArgs = new ArrayList<>(c.natsbootJvmArgs);
        if (c.gcLogDir != null) {
            jvmArgs.add(GcLog.jvmOption(c.gcLogDir));
        }
        return ProcessServerTarget.withProgram(LoadConfig.NATSBOOT, pinned(c, ProcessServerTarget.javaJar(jar, jvmArgs)),
                c.secured.serverArgs());
    }

    /** The program run on the server CPU under {@code --pin}; cluster nodes reuse it, so they are pinned too. */
    private static List<String> pinned(LoadConfig c, List<String> program) {
        return c.pin == null ? program : c.pin.server(program);
    }

    /**
     * The jar as given if absolute; otherwise the first match of the relative path resolved against the working
     * directory and its parents, then against the directories holding this code and their parents (so that
     * {@code bench/target/bench.jar} finds {@code nats-server/target/nats-server.jar} from anywhere).
     */
    static Path findJar(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return Files.isRegularFile(p) ? p : null;
        }
        Set<Path> bases = new LinkedHashSet<>();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            bases.add(d);
        }
        Path code = codeLocation();
        for (Path d = code; d != null; d = d.getParent()) {
            bases.add(d);
        }
        for (Path base : bases) {
            Path candidate = base.resolve(p).normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            CodeSource cs = Targets.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static Path findNatsServer(LoadConfig c) {
        if (c.natsServerBin != null) {
            Path p = Path.of(c.natsServerBin);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        return onPath("nats-server");
    }

    static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
