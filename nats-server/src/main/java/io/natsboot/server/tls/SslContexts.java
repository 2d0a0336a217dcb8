package io.natsboot.server.tls;

import io.natsboot.server.options.ServerStartException;
import io.natsboot.server.options.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Builds the {@link SslContext}s of a {@link TlsOptions}: the server side of client and route listeners, and the
 * client side of the routes this server dials. Keys and CAs come from PEM files or from the application's managers.
 * Versions default to TLS 1.2 and 1.3 (nats-server's minimum is 1.2); ciphers to the JDK's defaults. Any file that
 * cannot be used fails start-up with a {@link ServerStartException} naming it.
 */
public final class SslContexts {

    /** TLS 1.2 and up, as nats-server's {@code MinVersion}. */
    static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private SslContexts() {
    }

    /**
     * The context of a listener. With {@code requireClientCert} (a client {@code verify}, or any route listener:
     * nats-server always verifies routes) a peer must present a certificate the CA signed.
     *
     * <p>Built on the JDK's {@link SSLContext} and wrapped, rather than through Netty's builder: the class set-up of
     * Netty's JDK server context makes a throwaway key store with password-based encryption and loads the JDK's
     * default trust store, ~300-700 ms of a cold start with nothing to show for it.
     */
    public static SslContext server(TlsOptions tls, boolean requireClientCert) {
        KeyManagerFactory keys = tls.getKeyManagerFactory() != null ? tls.getKeyManagerFactory()
                : keyPair(tls).keyManagers();
        TrustManagerFactory trust = trustFactory(tls, requireClientCert);
        List<String> protocols = tls.getProtocols().isEmpty() ? DEFAULT_PROTOCOLS : tls.getProtocols();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            // an engine set up once here, so that a cipher or version this JDK lacks fails start-up, not a client
            SSLEngine probe = context.createSSLEngine();
            probe.setEnabledProtocols(protocols.toArray(String[]::new));
            if (!tls.getCiphers().isEmpty()) {
                probe.setEnabledCipherSuites(tls.getCiphers().toArray(String[]::new));
            }
            return new JdkSslContext(context, false, tls.getCiphers().isEmpty() ? null : tls.getCiphers(),
                    IdentityCipherSuiteFilter.INSTANCE, null,
                    requireClientCert ? ClientAuth.REQUIRE : ClientAuth.NONE, protocols.toArray(String[]::new), false);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ServerStartException("Error creating the TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * The context of a dialled route: presents this server's certificate (routes verify both ways) and checks the
     * peer's against the CA and the host name it was dialled at, as Go's TLS client does for nats-server.
     */
    public static SslContext client(TlsOptions tls) {
        SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
        if (tls.getKeyManagerFactory() != null) {
            builder.keyManager(tls.getKeyManagerFactory());
        } else if (tls.getCertFile() != null || tls.getKeyFile() != null) {
            builder.keyManager(keyPair(tls).keyManagers());
        }
        TrustManagerFactory trust = trustFactory(tls, true);
        if (trust != null) {
            builder.trustManager(trust);
        }
        return build(builder, tls);
    }

    /**
     * The CAs a peer's certificate is checked against: the application's, or the {@code ca_file}'s; {@code null} for
     * the JDK's default trust store, as Go falls back to the system roots.
     */
    private static TrustManagerFactory trustFactory(TlsOptions tls, boolean verifiesPeers) {
        if (tls.getTrustManagerFactory() != null) {
            return tls.getTrustManagerFactory();
        }
        if (tls.getCaFile() != null) {
            return trusting(certificates("ca_file", readable("ca_file", tls.getCaFile())));
        }
        // nobody's certificate is checked: an empty store spares the JDK loading its default one (cacerts, ~300 ms
        // of a cold start)
        return verifiesPeers ? null : trusting(new X509Certificate[0]);
    }

    private static TrustManagerFactory trusting(X509Certificate[] cas) {
        try {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            for (int i = 0; i < cas.length; i++) {
                store.setCertificateEntry("ca" + i, cas[i]);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new ServerStartException("Error creating the TLS context: " + e.getMessage(), e);
        }
    }

    private static SslContext build(SslContextBuilder builder, TlsOptions tls) {
        builder.sslProvider(SslProvider.JDK)
                .protocols(tls.getProtocols().isEmpty() ? DEFAULT_PROTOCOLS : tls.getProtocols());
        if (!tls.getCiphers().isEmpty()) {
            builder.ciphers(tls.getCiphers());
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ServerStartException("Error creating the TLS context: " + e.getMessage(), e);
        }
    }

    private record KeyPair(PrivateKey key, X509Certificate[] chain) {

        /**
         * The key managers for this key and chain. Netty's own way (a key and a chain) stores them in a PKCS12 key
         * store, whose password-based encryption (PBKDF2, 10,000 rounds, in and out) took 150-400 ms of a cold start
         * for every context; a JKS store in memory only obfuscates the key, which never leaves this process anyway.
         */
        KeyManagerFactory keyManagers() {
            char[] password = "natsboot".toCharArray();
            try {
                KeyStore store = KeyStore.getInstance("JKS");
                store.load(null, null);
                store.setKeyEntry("natsboot", key, password, chain);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password);
                return factory;
            } catch (GeneralSecurityException | IOException e) {
                throw new ServerStartException("Error creating the TLS context: " + e.getMessage(), e);
            }
        }
    }

    /** Both files must be given and usable; each is parsed here, so that the one at fault can be named. */
    private static KeyPair keyPair(TlsOptions tls) {
        if (tls.getCertFile() == null) {
            throw new ServerStartException("missing 'cert_file' in TLS configuration");
        }
        if (tls.getKeyFile() == null) {
            throw new ServerStartException("missing 'key_file' in TLS configuration");
        }
        File cert = readable("cert_file", tls.getCertFile());
        File key = readable("key_file", tls.getKeyFile());
        X509Certificate[] chain = certificates("cert_file", cert);
        PrivateKey privateKey;
        try {
            privateKey = PemKeys.read(key.toPath());
        } catch (IOException | GeneralSecurityException e) {
            throw new ServerStartException("error parsing TLS key_file " + key + ": " + e.getMessage(), e);
        }
        if (!matches(privateKey, chain[0])) {
            throw new ServerStartException("error parsing TLS cert_file " + cert + " and key_file " + key
                    + ": the private key does not match the certificate's public key");
        }
        return new KeyPair(privateKey, chain);
    }

    // a signature the certificate's key verifies: one check for every key type
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "natsboot".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static File readable(String what, String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ServerStartException("error reading TLS " + what + " " + path + ": no such readable file");
        }
        return p.toFile();
    }

    private static X509Certificate[] certificates(String what, File file) {
        try (InputStream in = Files.newInputStream(file.toPath())) {
            X509Certificate[] certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (certs.length == 0) {
                throw new CertificateException("no certificate found");
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new ServerStartException("error parsing TLS " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
