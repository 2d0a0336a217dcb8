package io.natsboot.server.cli;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.config.ConfigParser;
import io.natsboot.server.test.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS flags as nats-server 2.9 reads them (they name files; the files are read when the server starts). */
class TlsFlagsTest {

    @TempDir
    Path dir;

    private static TlsOptions tls(String... args) {
        ServerOptions o = CommandLine.parse(args).resolve(new ConfigParser(k -> null)).options();
        return o.getTls();
    }

    @Test
    void tlsWithCertificateAndKey() {
        TlsOptions t = tls("--tls", "--tlscert", "c.pem", "--tlskey", "k.pem");
        assertThat(t.isConfigured()).isTrue();
        assertThat(t.getCertFile()).isEqualTo("c.pem");
        assertThat(t.getKeyFile()).isEqualTo("k.pem");
        assertThat(t.isVerify()).isFalse();
        assertThat(t.getCaFile()).isNull();
    }

    @Test
    void certificateFlagsAloneEnableTls() {
        assertThat(tls("-tlscert=c.pem", "-tlskey=k.pem").isConfigured()).isTrue();
    }

    @Test
    void tlsverifyImpliesTlsAndTakesTheCa() {
        TlsOptions t = tls("--tlsverify", "--tlscert=c.pem", "--tlskey=k.pem", "--tlscacert=ca.pem");
        assertThat(t.isConfigured()).isTrue();
        assertThat(t.isVerify()).isTrue();
        assertThat(t.getCaFile()).isEqualTo("ca.pem");
    }

    @Test
    void anyTlsFlagNeedsCertificateAndKey() {
        assertThatThrownBy(() -> tls("--tls")).isInstanceOf(CommandLineException.class)
                .hasMessage("TLS Server certificate must be present and valid");
        assertThatThrownBy(() -> tls("--tlsverify", "--tlscert=c.pem")).isInstanceOf(CommandLineException.class)
                .hasMessage("TLS Server private key must be present and valid");
        assertThatThrownBy(() -> tls("--tlscacert=ca.pem")).isInstanceOf(CommandLineException.class)
                .hasMessage("TLS Server certificate must be present and valid");
    }

    @Test
    void flagsReplaceTheConfigFileTlsButKeepItsTimeoutAndAllowNonTls() throws Exception {
        Path conf = Files.writeString(dir.resolve("t.conf"), "allow_non_tls: true\n"
                + "tls { cert_file: $CERT, key_file: $KEY, ca_file: $CA, verify: true, timeout: 5 }\n");
        // the config's own files must exist (they are read at load time, as nats-server does)
        TestPki.Files f = TestPki.get().written(dir);
        ConfigParser env = new ConfigParser(k -> switch (k) {
            case "CERT" -> f.cert();
            case "KEY" -> f.key();
            case "CA" -> f.ca();
            default -> null;
        });
        TlsOptions t = CommandLine.parse("-c", conf.toString(), "--tlscert=c.pem", "--tlskey=k.pem")
                .resolve(env).options().getTls();
        assertThat(t.getCertFile()).isEqualTo("c.pem");
        assertThat(t.getCaFile()).isNull();
        assertThat(t.isVerify()).isFalse();
        assertThat(t.getTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.isAllowNonTls()).isTrue();

        TlsOptions off = CommandLine.parse("-c", conf.toString(), "--tls=false", "--tlscert=c.pem")
                .resolve(env).options().getTls();
        assertThat(off.isConfigured()).isFalse();
    }

    @Test
    void helpTlsPrintsTheConfigBlock() {
        assertThat(CommandLine.parse("--help_tls").isHelpTls()).isTrue();
        assertThat(CommandLine.tlsUsage()).contains("cert_file").contains("verify").contains("cipher_suites");
    }
}
