package io.natsboot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

/**
 * A CA, a node certificate it signs (valid for localhost and 127.0.0.1, usable by both ends of a connection), a
 * client certificate it signs, and a client certificate of an unrelated CA: all made here and written as PEM files,
 * so no private key is committed. Each set of files is named for use as Spring Boot PEM SSL bundles.
 */
final class TestCertificates {

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    static TestCertificates create(Path dir) throws Exception {
        Instant now = Instant.now();
        X509Bundle ca = new CertificateBuilder().subject("CN=natsboot test CA")
            .notBefore(now.minus(1, ChronoUnit.DAYS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .setIsCertificateAuthority(true)
            .buildSelfSigned();
        X509Bundle node = new CertificateBuilder().subject("CN=node")
            .notBefore(now.minus(1, ChronoUnit.DAYS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .addSanDnsName("localhost")
            .addSanIpAddress("127.0.0.1")
            .addExtendedKeyUsageServerAuth()
            .addExtendedKeyUsageClientAuth()
            .buildIssuedBy(ca);
        X509Bundle client = new CertificateBuilder().subject("CN=client")
            .notBefore(now.minus(1, ChronoUnit.DAYS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .addExtendedKeyUsageClientAuth()
            .buildIssuedBy(ca);
        X509Bundle rogueCa = new CertificateBuilder().subject("CN=rogue CA")
            .notBefore(now.minus(1, ChronoUnit.DAYS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .setIsCertificateAuthority(true)
            .buildSelfSigned();
        X509Bundle rogue = new CertificateBuilder().subject("CN=rogue")
            .notBefore(now.minus(1, ChronoUnit.DAYS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .addSanDnsName("localhost")
            .addSanIpAddress("127.0.0.1")
            .addExtendedKeyUsageServerAuth()
            .addExtendedKeyUsageClientAuth()
            .buildIssuedBy(rogueCa);
        Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM());
        write(dir, "node", node);
        write(dir, "client", client);
        write(dir, "rogue", rogue);
        return new TestCertificates(dir);
    }

    private static void write(Path dir, String name, X509Bundle bundle) throws Exception {
        Files.writeString(dir.resolve(name + ".pem"), bundle.getCertificatePathPEM());
        Files.writeString(dir.resolve(name + "-key.pem"), bundle.getPrivateKeyPEM());
    }

    /**
     * Properties of a PEM bundle with the named certificate and key, trusting the test CA.
     * @param bundle the bundle name
     * @param cert {@code node}, {@code client} or {@code rogue}
     */
    String[] bundle(String bundle, String cert) {
        String prefix = "spring.ssl.bundle.pem." + bundle + ".";
        return new String[] { prefix + "keystore.certificate=" + file(cert + ".pem"),
                prefix + "keystore.private-key=" + file(cert + "-key.pem"),
                prefix + "truststore.certificate=" + file("ca.pem") };
    }

    /** Properties of a PEM bundle that only trusts the test CA. */
    String[] trustOnly(String bundle) {
        return new String[] { "spring.ssl.bundle.pem." + bundle + ".truststore.certificate=" + file("ca.pem") };
    }

    private String file(String name) {
        return "file:" + this.dir.resolve(name).toAbsolutePath();
    }

}
