package io.natsboot.server.options;

import io.nats.client.NKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NKeysTest {

    /** A user key made by jnats: decoding it must give the key jnats signs with. */
    private static final NKey USER = newUser();
    private static final String USER_KEY = publicKey(USER);

    private static NKey newUser() {
        try {
            return NKey.createUser(new SecureRandom());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKey(NKey key) {
        try {
            return new String(key.getPublicKey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void crc16IsXmodem() {
        // the standard check value of CRC-16/XMODEM
        assertThat(NKeys.crc16("123456789".getBytes(StandardCharsets.US_ASCII), 9)).isEqualTo(0x31C3);
        assertThat(NKeys.crc16(new byte[0], 0)).isZero();
    }

    @Test
    void base32DecodesRfc4648WithoutPadding() {
        assertThat(NKeys.base32Decode("MZXW6YTBOI")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(NKeys.base32Decode("")).isEmpty();
    }

    @Test
    void decodedKeyVerifiesWhatJnatsSigned() throws Exception {
        byte[] nonce = "PDhvMULQpc7CvRE".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(NKeys.userPublicKey(USER_KEY));
        verifier.update(nonce);
        assertThat(verifier.verify(USER.sign(nonce))).isTrue();
        assertThat(NKeys.isValidPublicUserKey(USER_KEY)).isTrue();
        assertThat(USER_KEY).hasSize(56).startsWith("U");
    }

    static Stream<Arguments> malformed() throws Exception {
        String account = new String(NKey.createAccount(new SecureRandom()).getPublicKey());
        String seed = new String(USER.getSeed());
        char last = USER_KEY.charAt(55);
        String badCrc = USER_KEY.substring(0, 55) + (last == 'A' ? 'B' : 'A');
        return Stream.of(
                arguments("empty", ""),
                arguments("too short", USER_KEY.substring(0, 40)),
                arguments("too long", USER_KEY + "AAAA"),
                arguments("lower case", USER_KEY.toLowerCase()),
                arguments("not base32", USER_KEY.substring(0, 55) + "1"),
                arguments("checksum", badCrc),
                arguments("account key", account),
                arguments("seed", seed),
                arguments("made up", "UABC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedKeys(String name, String key) {
        assertThat(NKeys.isValidPublicUserKey(key)).isFalse();
        assertThatThrownBy(() -> NKeys.userPublicKey(key)).isInstanceOf(IllegalArgumentException.class);
    }
}
