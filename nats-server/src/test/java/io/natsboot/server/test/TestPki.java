package io.natsboot.server.test;

import io.natsboot.server.options.TlsOptions;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Certificates made when a test runs, so no private key is ever committed: a CA, a server certificate for
 * {@code localhost} and {@code 127.0.0.1} (used by servers and, for routes, by both ends), a client certificate, and
 * a second CA with a client certificate nobody trusts.
 */
public final class TestPki {

    public final X509Bundle ca;
    public final X509Bundle server;
    public final X509Bundle client;
    public final X509Bundle strangerCa;
    public final X509Bundle stranger;

    private TestPki() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CertificateBuilder base = new CertificateBuilder().ecp256()
                .notBefore(now.minus(1, ChronoUnit.DAYS)).notAfter(now.plus(2, ChronoUnit.DAYS));
        ca = base.copy().subject("CN=natsboot test CA").setIsCertificateAuthority(true).buildSelfSigned();
        server = base.copy().subject("CN=localhost").addSanDnsName("localhost").addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth().addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
        client = base.copy().subject("CN=natsboot test client").addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
        strangerCa = base.copy().subject("CN=stranger CA").setIsCertificateAuthority(true).buildSelfSigned();
        stranger = base.copy().subject("CN=stranger").addExtendedKeyUsageClientAuth().buildIssuedBy(strangerCa);
    }

    private static TestPki instance;

    /** One set per test JVM: making keys is not free on a busy machine. */
    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki();
            } catch (Exception e) {
                throw new IllegalStateException("cannot make test certificates", e);
            }
        }
        return instance;
    }

    /** Writes {@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem}, {@code client-*.pem} to {@code dir}. */
    public Files written(Path dir) throws IOException {
        write(dir.resolve("ca.pem"), ca.getCertificatePEM());
        write(dir.resolve("server-cert.pem"), server.getCertificatePEM());
        write(dir.resolve("server-key.pem"), server.getPrivateKeyPEM());
        write(dir.resolve("client-cert.pem"), client.getCertificatePEM());
        write(dir.resolve("client-key.pem"), client.getPrivateKeyPEM());
        return new Files(dir);
    }

    private static void write(Path file, String text) throws IOException {
        java.nio.file.Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** The paths {@link #written} made. */
    public record Files(Path dir) {
        public String ca() {
            return dir.resolve("ca.pem").toString();
        }

        public String cert() {
            return dir.resolve("server-cert.pem").toString();
        }

        public String key() {
            return dir.resolve("server-key.pem").toString();
        }

        public String clientCert() {
            return dir.resolve("client-cert.pem").toString();
        }

        public String clientKey() {
            return dir.resolve("client-key.pem").toString();
        }

        /** Server TLS from these files: certificate, key and the CA (for {@code verify} and routes). */
        public TlsOptions applyTo(TlsOptions tls) {
            return tls.setCertFile(cert()).setKeyFile(key()).setCaFile(ca());
        }
    }

    /** A client context trusting the test CA, presenting {@code identity} (or no certificate when null). */
    public SSLContext clientContext(X509Bundle identity) {
        try {
            KeyManager[] keys = identity == null ? null : identity.toKeyManagerFactory().getKeyManagers();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, ca.toTrustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
