package io.natsboot.bench.load;

import io.nats.client.Options;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.config.ConfigFileOptions;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link SecurityProfile} made real for one run: a temporary directory with the server config file (and, for TLS, a
 * CA and a server certificate made now, so no private key is ever committed), the extra server arguments
 * ({@code -c <file>}) and the matching client settings. {@link #close()} deletes the directory.
 */
final class SecuritySetup implements AutoCloseable {

    /** The unsecured setup: no files, no arguments, clients unchanged. */
    static final SecuritySetup NONE = new SecuritySetup(SecurityProfile.NONE, null, null, null);

    private final SecurityProfile profile;
    private final Path dir;
    private final Path configFile;
    private final SSLContext clientContext;

    private SecuritySetup(SecurityProfile profile, Path dir, Path configFile, SSLContext clientContext) {
        this.profile = profile;
        this.dir = dir;
        this.configFile = configFile;
        this.clientContext = clientContext;
    }

    static SecuritySetup prepare(SecurityProfile profile) {
        if (profile == SecurityProfile.NONE) {
            return NONE;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("natsboot-bench-security-");
            String cert = null;
            String key = null;
            SSLContext context = null;
            if (profile == SecurityProfile.TLS) {
                Pki pki = Pki.make();
                cert = write(dir.resolve("server-cert.pem"), pki.server.getCertificatePEM());
                key = write(dir.resolve("server-key.pem"), pki.server.getPrivateKeyPEM());
                write(dir.resolve("ca.pem"), pki.ca.getCertificatePEM());
                context = SSLContext.getInstance("TLS");
                context.init(null, pki.ca.toTrustManagerFactory().getTrustManagers(), null);
            }
            Path conf = dir.resolve("server.conf");
            write(conf, profile.configText(cert, key));
            return new SecuritySetup(profile, dir, conf, context);
        } catch (Exception e) {
            deleteTree(dir);
            throw new IllegalStateException("cannot prepare --security " + profile.id() + ": " + e, e);
        }
    }

    SecurityProfile profile() {
        return profile;
    }

    Path configFile() {
        return configFile;
    }

    /** The clients' TLS context (trusting this run's CA), or {@code null} without TLS. */
    SSLContext clientContext() {
        return clientContext;
    }

    /** Arguments both server programs take after {@code -a} and {@code -p}: {@code -c <file>}, or none. */
    List<String> serverArgs() {
        return configFile == null ? List.of() : List.of("-c", configFile.toString());
    }

    /** Gives a client the credentials or the trust the servers need; returns the builder. */
    Options.Builder applyTo(Options.Builder b) {
        if (profile.hasUser()) {
            b.userInfo(SecurityProfile.USER, SecurityProfile.PASSWORD);
        }
        if (clientContext != null) {
            b.sslContext(clientContext);
        }
        return b;
    }

    /** The same config file applied to an in-process natsboot (the fallback without the standalone jar). */
    ServerOptions applyTo(ServerOptions options) {
        if (configFile != null) {
            ConfigFileOptions.load(configFile, options);
            ConfigFileOptions.validate(options);
        }
        return options;
    }

    /** For the report header; null when unsecured, so the unsecured header stays as it was. */
    String describe() {
        if (profile == SecurityProfile.NONE) {
            return null;
        }
        return profile.id() + ": " + profile.description() + "; both servers started with -c " + configFile;
    }

    @Override
    public void close() {
        deleteTree(dir);
    }

    private static String write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file.toString();
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // a stray temp directory
        }
    }

    /** A CA and a server certificate for localhost / 127.0.0.1, valid around now. */
    private record Pki(X509Bundle ca, X509Bundle server) {
        static Pki make() throws Exception {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            CertificateBuilder base = new CertificateBuilder().ecp256()
                    .notBefore(now.minus(1, ChronoUnit.DAYS)).notAfter(now.plus(7, ChronoUnit.DAYS));
            X509Bundle ca = base.copy().subject("CN=natsboot bench CA").setIsCertificateAuthority(true)
                    .buildSelfSigned();
            X509Bundle server = base.copy().subject("CN=localhost").addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
            return new Pki(ca, server);
        }
    }
}
