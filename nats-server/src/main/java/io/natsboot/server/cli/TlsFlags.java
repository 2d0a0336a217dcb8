package io.natsboot.server.cli;

import io.natsboot.server.options.TlsOptions;

/**
 * {@code --tls --tlsverify --tlscert --tlskey --tlscacert} as nats-server 2.9 reads them: any of them replaces the
 * config file's client TLS (certificate and key are then required, ciphers back to the defaults; the timeout and
 * {@code allow_non_tls} stay), {@code --tlsverify} implies TLS, and {@code --tls=false} switches client TLS off,
 * whatever the other flags say.
 */
final class TlsFlags {

    private boolean given;
    private boolean disabled;
    private boolean verify;
    private String cert;
    private String key;
    private String caCert;

    void tls(boolean on) {
        if (on) {
            given = true;
        } else {
            disabled = true;
        }
    }

    void verify(boolean on) {
        given = true;
        verify = on;
    }

    void cert(String file) {
        given = true;
        cert = file;
    }

    void key(String file) {
        given = true;
        key = file;
    }

    void caCert(String file) {
        given = true;
        caCert = file;
    }

    void applyTo(TlsOptions tls) {
        if (disabled) {
            clear(tls);
            return;
        }
        if (!given) {
            return;
        }
        if (cert == null || cert.isEmpty()) {
            throw new CommandLineException("TLS Server certificate must be present and valid", false);
        }
        if (key == null || key.isEmpty()) {
            throw new CommandLineException("TLS Server private key must be present and valid", false);
        }
        clear(tls);
        tls.setCertFile(cert).setKeyFile(key).setCaFile(caCert).setVerify(verify);
    }

    private static void clear(TlsOptions tls) {
        tls.setCertFile(null).setKeyFile(null).setCaFile(null).setVerify(false)
                .setKeyManagerFactory(null).setTrustManagerFactory(null);
        tls.getCiphers().clear();
        tls.getProtocols().clear();
    }
}
