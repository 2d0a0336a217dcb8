package io.natsboot.server.config;

import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.test.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tls {}}, {@code cluster { tls {} }} and {@code allow_non_tls}: what they set, what they refuse, and agreement
 * with {@code nats-server -t} on the same files (certificates made by the test; $CERT, $KEY, $CA name them).
 */
class TlsConfigTest {

    @TempDir
    static Path dir;
    private static Map<String, String> env;

    @BeforeAll
    static void certificates() throws Exception {
        TestPki.Files f = TestPki.get().written(dir);
        Files.writeString(dir.resolve("junk.pem"), "junk\n");
        env = Map.of("CERT", f.cert(), "KEY", f.key(), "CA", f.ca(), "JUNK", dir.resolve("junk.pem").toString(),
                "MISSING", dir.resolve("missing.pem").toString(), "OTHER_KEY", f.clientKey());
    }

    private static Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("tls.conf"), text.replace("|", "\n"));
    }

    private static ServerOptions load(String text) throws Exception {
        ServerOptions o = new ServerOptions();
        List<String> warnings = ConfigFileOptions.load(write(text), o, new ConfigParser(env::get));
        assertThat(warnings).isEmpty();
        return o;
    }

    @Test
    void clientBlockSetsEveryKey() throws Exception {
        TlsOptions t = load("allow_non_tls: true|tls {|  cert_file: $CERT|  key_file: $KEY|  ca_file: $CA|"
                + "  verify: true|  timeout: 0.5|  cipher_suites: [\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"]|}")
                .getTls();
        assertThat(t.isConfigured()).isTrue();
        assertThat(t.getCertFile()).isEqualTo(env.get("CERT"));
        assertThat(t.getKeyFile()).isEqualTo(env.get("KEY"));
        assertThat(t.getCaFile()).isEqualTo(env.get("CA"));
        assertThat(t.isVerify()).isTrue();
        assertThat(t.isAllowNonTls()).isTrue();
        assertThat(t.getTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.getCiphers()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void timeoutTakesDurationsAndZeroMeansTheDefault() throws Exception {
        assertThat(load("tls { cert_file: $CERT, key_file: $KEY, timeout: \"3s\" }").getTls().getTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(load("tls { cert_file: $CERT, key_file: $KEY, timeout: 0 }").getTls().getTimeout())
                .isEqualTo(TlsOptions.DEFAULT_TIMEOUT);
    }

    @Test
    void clusterBlockGoesToTheRoutes() throws Exception {
        ServerOptions o = load("cluster { port: -1, tls { cert_file: $CERT, key_file: $KEY, ca_file: $CA } }");
        assertThat(o.getCluster().getTls().isConfigured()).isTrue();
        assertThat(o.getCluster().getTls().getCaFile()).isEqualTo(env.get("CA"));
        assertThat(o.getTls().isConfigured()).isFalse();
    }

    @Test
    void verifyAndMapAlsoVerifies() throws Exception {
        TlsOptions t = load("tls { cert_file: $CERT, key_file: $KEY, ca_file: $CA, verify_and_map: true }").getTls();
        assertThat(t.isVerifyAndMap()).isTrue();
        assertThat(t.isVerify()).isTrue();
        assertThat(load("tls { cert_file: $CERT, key_file: $KEY, verify: true, verify_and_map: false }").getTls()
                .isVerify()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tls { cert_file: $CERT }|missing 'key_file' in TLS configuration",
        "tls { key_file: $KEY }|missing 'cert_file' in TLS configuration",
        "tls { min_version: \"1.2\" }|error parsing tls config, unknown field [\"min_version\"]",
        "tls { cipher_suites: [\"FOO\"] }|unrecognized cipher FOO",
        "tls { cipher_suites: [] }|error parsing tls config, 'cipher_suites' cannot be empty",
        "tls { curve_preferences: [\"CurveP256\"] }|field \"curve_preferences\" is not supported by natsboot yet",
        "cluster { port: -1, tls { verify_and_map: true } }|field \"verify_and_map\" is not supported by natsboot yet",
        "tls { verify_and_map: 1 }|invalid value for \"verify_and_map\": expected a boolean",
        "tls { cert_file: $MISSING, key_file: $KEY }|error reading TLS cert_file",
        "tls { cert_file: $JUNK, key_file: $KEY }|error parsing TLS cert_file",
        "tls { cert_file: $CERT, key_file: $JUNK }|error parsing TLS key_file",
        "tls { cert_file: $CERT, key_file: $KEY, ca_file: $JUNK }|error parsing TLS ca_file",
        "tls { verify: \"yes please\" }|invalid value for \"verify\": expected a boolean",
        "allow_non_tls: 1|invalid value for \"allow_non_tls\": expected a boolean"
    })
    void refuses(String row) {
        String[] parts = row.split("\\|", 2);
        assertThatThrownBy(() -> load(parts[0])).isInstanceOf(ConfigException.class)
                .hasMessageContaining(parts[1]).hasMessageContaining("tls.conf:");
    }

    /** Lines separated by {@code |}. Both binaries read the same certificate files. */
    @ParameterizedTest
    @ValueSource(strings = {
        "tls { cert_file: $CERT, key_file: $KEY }",
        "tls {|  cert_file: $CERT|  key_file: $KEY|  ca_file: $CA|  verify: true|  timeout: 2.5|}",
        "allow_non_tls: true|tls { cert_file: $CERT, key_file: $KEY, timeout: \"1s\" }",
        "tls { cert_file: $CERT, key_file: $KEY, cipher_suites: [\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"] }",
        "cluster { port: -1, tls { cert_file: $CERT, key_file: $KEY, ca_file: $CA, timeout: 3 } }"
    })
    void bothAccept(String text) throws Exception {
        Path binary = NatsServerBinary.require();
        Path file = write(text);
        NatsServerBinary.Check real = NatsServerBinary.check(binary, file, env);
        assertThat(real.exitCode()).as("nats-server: " + real.output()).isZero();
        load(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tls { cert_file: $CERT }",
        "tls { key_file: $KEY }",
        "tls { min_version: \"1.2\" }",
        "tls { cert_file: $CERT, key_file: $KEY, cipher_suites: [\"FOO\"] }",
        "tls { cipher_suites: [] }",
        "tls { cert_file: $MISSING, key_file: $KEY }",
        "tls { cert_file: $JUNK, key_file: $KEY }",
        "tls { cert_file: $CERT, key_file: $JUNK }",
        "tls { cert_file: $CERT, key_file: $KEY, ca_file: $JUNK }",
        "tls { cert_file: $CERT, key_file: $OTHER_KEY }",
        "tls { timeout: \"bad\" }",
        "cluster { port: -1, tls { bogus: 1 } }"
    })
    void bothRefuse(String text) throws Exception {
        Path binary = NatsServerBinary.require();
        Path file = write(text);
        NatsServerBinary.Check real = NatsServerBinary.check(binary, file, env);
        assertThat(real.exitCode()).as("nats-server: " + real.output()).isNotZero();
        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString());
    }
}
