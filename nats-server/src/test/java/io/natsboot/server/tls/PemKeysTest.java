package io.natsboot.server.tls;

import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.options.TlsOptions;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Private keys in the three PEM forms nats-server reads (PKCS#8, PKCS#1 RSA, SEC1 EC), as OpenSSL writes them;
 * the traditional forms are written here by Bouncy Castle (a test dependency only: the server does without it).
 */
class PemKeysTest {

    @TempDir
    Path dir;

    // EC keys from Bouncy Castle: its encoding keeps the curve inside the SEC1 key, as OpenSSL's does
    private static KeyPair generate(String algorithm) throws Exception {
        KeyPairGenerator g = algorithm.startsWith("EC")
                ? KeyPairGenerator.getInstance("EC", new BouncyCastleProvider())
                : KeyPairGenerator.getInstance(algorithm);
        switch (algorithm) {
            case "RSA" -> g.initialize(2048);
            case "EC-P256" -> g.initialize(new ECGenParameterSpec("secp256r1"));
            case "EC-P384" -> g.initialize(new ECGenParameterSpec("secp384r1"));
            default -> {
            }
        }
        return g.generateKeyPair();
    }

    /** The traditional form (RSA PRIVATE KEY / EC PRIVATE KEY), as {@code openssl genrsa -traditional} writes it. */
    private Path traditional(KeyPair pair) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(pair);
        }
        return Files.writeString(dir.resolve("key.pem"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC-P256", "EC-P384"})
    void readsTraditionalKeys(String algorithm) throws Exception {
        KeyPair pair = generate(algorithm);
        Path file = traditional(pair);
        assertThat(Files.readString(file)).startsWith(algorithm.equals("RSA")
                ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");
        assertSameKey(PemKeys.read(file), pair.getPrivate());
    }

    private static void assertSameKey(PrivateKey read, PrivateKey written) {
        if (written instanceof ECPrivateKey ec) {
            assertThat(((ECPrivateKey) read).getS()).isEqualTo(ec.getS());
        } else {
            assertThat(read.getEncoded()).isEqualTo(written.getEncoded());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC-P256", "Ed25519"})
    void readsPkcs8Keys(String algorithm) throws Exception {
        KeyPair pair = generate(algorithm);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertSameKey(PemKeys.read(Files.writeString(dir.resolve("k.pem"), pem)), pair.getPrivate());
    }

    @Test
    void aServerStartsWithATraditionalEcKey() throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=localhost").setIsCertificateAuthority(true).ecp256()
                .buildSelfSigned();
        Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.getCertificatePEM());
        // the same key re-encoded by Bouncy Castle, which keeps the curve inside the SEC1 form
        PrivateKey bc = KeyFactory.getInstance("EC", new BouncyCastleProvider())
                .generatePrivate(new PKCS8EncodedKeySpec(cert.getKeyPair().getPrivate().getEncoded()));
        Path keyFile = traditional(new KeyPair(cert.getKeyPair().getPublic(), bc));
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        TlsOptions tls = new TlsOptions().setCertFile(certFile.toString()).setKeyFile(keyFile.toString());
        assertThat(SslContexts.server(tls, false).isServer()).isTrue();
    }

    @Test
    void refusesAKeyOfAnotherCertificate() throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=localhost").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.getCertificatePEM());
        Path keyFile = traditional(generate("EC-P256"));
        TlsOptions tls = new TlsOptions().setCertFile(certFile.toString()).setKeyFile(keyFile.toString());
        assertThatThrownBy(() -> SslContexts.server(tls, false)).isInstanceOf(ServerStartException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void refusesEncryptedAndMissingKeys() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemKeys.read(encrypted)).hasMessageContaining("encrypted keys are not supported");
        Path none = Files.writeString(dir.resolve("none.pem"), "hello\n");
        assertThatThrownBy(() -> PemKeys.read(none)).hasMessageContaining("no PEM private key");
    }
}
