package io.natsboot.server.options;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TLS listener's identity and peer checks: either PEM files ({@code cert_file}, {@code key_file}, {@code ca_file},
 * as nats-server takes them) or key and trust managers built by the application (Spring Boot SSL bundles). Versions
 * and ciphers are the JDK's defaults unless set.
 */
public final class TlsOptions {

    /** nats-server's {@code tls.timeout} default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private String certFile;
    private String keyFile;
    private String caFile;
    private KeyManagerFactory keyManagerFactory;
    private TrustManagerFactory trustManagerFactory;
    private boolean verify;
    private boolean verifyAndMap;
    private boolean allowNonTls;
    private Duration timeout = DEFAULT_TIMEOUT;
    private final List<String> ciphers = new ArrayList<>();
    private final List<String> protocols = new ArrayList<>();

    public String getCertFile() {
        return certFile;
    }

    public TlsOptions setCertFile(String certFile) {
        this.certFile = certFile;
        return this;
    }

    public String getKeyFile() {
        return keyFile;
    }

    public TlsOptions setKeyFile(String keyFile) {
        this.keyFile = keyFile;
        return this;
    }

    /** PEM file of the CAs that sign peer certificates (clients with {@code verify}; the other nodes for routes). */
    public String getCaFile() {
        return caFile;
    }

    public TlsOptions setCaFile(String caFile) {
        this.caFile = caFile;
        return this;
    }

    /** The server's key and certificate when they come from the application rather than PEM files. */
    public KeyManagerFactory getKeyManagerFactory() {
        return keyManagerFactory;
    }

    public TlsOptions setKeyManagerFactory(KeyManagerFactory keyManagerFactory) {
        this.keyManagerFactory = keyManagerFactory;
        return this;
    }

    /** The trusted CAs when they come from the application rather than a PEM file. */
    public TrustManagerFactory getTrustManagerFactory() {
        return trustManagerFactory;
    }

    public TlsOptions setTrustManagerFactory(TrustManagerFactory trustManagerFactory) {
        this.trustManagerFactory = trustManagerFactory;
        return this;
    }

    /** {@code verify}: a client must present a certificate signed by a trusted CA. */
    public boolean isVerify() {
        return verify;
    }

    public TlsOptions setVerify(boolean verify) {
        this.verify = verify;
        return this;
    }

    /**
     * {@code verify_and_map}: {@link #isVerify() verify}, and the client's certificate (its e-mail, DNS or URI names,
     * else its subject) selects the {@code authorization.users} entry it logs in as. Clients only.
     */
    public boolean isVerifyAndMap() {
        return verifyAndMap;
    }

    /** Like nats-server, {@code true} also turns {@code verify} on; {@code false} leaves it as it is. */
    public TlsOptions setVerifyAndMap(boolean verifyAndMap) {
        this.verifyAndMap = verifyAndMap;
        if (verifyAndMap) {
            this.verify = true;
        }
        return this;
    }

    /** {@code allow_non_tls}: clients may also stay in plain text ({@code tls_available} instead of {@code tls_required}). */
    public boolean isAllowNonTls() {
        return allowNonTls;
    }

    public TlsOptions setAllowNonTls(boolean allowNonTls) {
        this.allowNonTls = allowNonTls;
        return this;
    }

    /** How long the handshake may take. */
    public Duration getTimeout() {
        return timeout;
    }

    public TlsOptions setTimeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Cipher suites to enable (JDK names); empty for the JDK's defaults. */
    public List<String> getCiphers() {
        return ciphers;
    }

    /** Protocol versions to enable ({@code TLSv1.2}, {@code TLSv1.3}); empty for the JDK's defaults. */
    public List<String> getProtocols() {
        return protocols;
    }

    /** Whether TLS is asked for: a certificate is configured, from files or from the application. */
    public boolean isConfigured() {
        return certFile != null || keyFile != null || keyManagerFactory != null;
    }
}
