package io.natsboot.server.tls;

import io.natsboot.server.ServerStartException;
import io.natsboot.server.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
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
     */
    public static SslContext server(TlsOptions tls, boolean requireClientCert) {
        SslContextBuilder builder;
        if (tls.getKeyManagerFactory() != null) {
            builder = SslContextBuilder.forServer(tls.getKeyManagerFactory());
        } else {
            File[] pair = keyPair(tls);
            try {
                builder = SslContextBuilder.forServer(pair[0], pair[1]);
            } catch (IllegalArgumentException e) {
                throw badKey(pair[1], e);
            }
        }
        trust(builder, tls);
        builder.clientAuth(requireClientCert ? ClientAuth.REQUIRE : ClientAuth.NONE);
        return build(builder, tls);
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
            File[] pair = keyPair(tls);
            try {
                builder.keyManager(pair[0], pair[1]);
            } catch (IllegalArgumentException e) {
                throw badKey(pair[1], e);
            }
        }
        trust(builder, tls);
        return build(builder, tls);
    }

    private static void trust(SslContextBuilder builder, TlsOptions tls) {
        if (tls.getTrustManagerFactory() != null) {
            builder.trustManager(tls.getTrustManagerFactory());
        } else if (tls.getCaFile() != null) {
            File ca = readable("ca_file", tls.getCaFile());
            certificates("ca_file", ca);
            builder.trustManager(ca);
        }
        // neither: the JDK's default trust store, as Go falls back to the system roots
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

    /** {cert, key}: both must be given and readable; the certificate is parsed here so its file can be named. */
    private static File[] keyPair(TlsOptions tls) {
        if (tls.getCertFile() == null) {
            throw new ServerStartException("missing 'cert_file' in TLS configuration");
        }
        if (tls.getKeyFile() == null) {
            throw new ServerStartException("missing 'key_file' in TLS configuration");
        }
        File cert = readable("cert_file", tls.getCertFile());
        File key = readable("key_file", tls.getKeyFile());
        certificates("cert_file", cert);
        return new File[] {cert, key};
    }

    // the certificate parsed already, so what Netty could not read is the key
    private static ServerStartException badKey(File key, IllegalArgumentException e) {
        String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return new ServerStartException("error parsing TLS key_file " + key + ": " + why
                + " (a PEM private key in PKCS#8 form, -----BEGIN PRIVATE KEY-----, is expected; "
                + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem' converts an RSA or EC key)", e);
    }

    private static File readable(String what, String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ServerStartException("error reading TLS " + what + " " + path + ": no such readable file");
        }
        return p.toFile();
    }

    private static void certificates(String what, File file) {
        try (InputStream in = Files.newInputStream(file.toPath())) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new CertificateException("no certificate found");
            }
        } catch (IOException | CertificateException e) {
            throw new ServerStartException("error parsing TLS " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
