package io.natsboot.server.options;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;

/**
 * Decodes public nkeys, the NATS text form of ed25519 public keys.
 *
 * <pre>
 *   base32 (RFC 4648, no padding) of:
 *   +--------+------------------------------+-----------+
 *   | prefix |  32-byte ed25519 public key  |  CRC16    |
 *   | 1 byte |                              |  2 bytes  |
 *   +--------+------------------------------+-----------+
 *   prefix = role << 3 (U = user = 20 << 3); CRC16 is XMODEM over prefix and key, little-endian
 * </pre>
 * Stateless.
 */
public final class NKeys {

    /** The role byte of a user key: its text starts with {@code U}. */
    public static final int PREFIX_USER = 20 << 3;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int KEY_LENGTH = 32;
    private static final int RAW_LENGTH = 1 + KEY_LENGTH + 2;

    private NKeys() {
    }

    /** Whether {@code text} is a well-formed public user nkey ({@code U...}, 56 characters, valid checksum). */
    public static boolean isValidPublicUserKey(String text) {
        try {
            publicKeyBytes(text, PREFIX_USER);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The 32 raw key bytes of a public nkey with the given role prefix.
     *
     * @throws IllegalArgumentException when the text is not base32, has the wrong length or role, or a bad checksum
     */
    public static byte[] publicKeyBytes(String text, int prefix) {
        byte[] raw = base32Decode(text);
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an nkey decodes to " + RAW_LENGTH + " bytes, got " + raw.length);
        }
        if ((raw[0] & 0xff) != prefix) {
            throw new IllegalArgumentException("nkey role prefix " + (raw[0] & 0xff) + ", expected " + prefix);
        }
        int expected = (raw[RAW_LENGTH - 2] & 0xff) | (raw[RAW_LENGTH - 1] & 0xff) << 8;
        int actual = crc16(raw, RAW_LENGTH - 2);
        if (expected != actual) {
            throw new IllegalArgumentException("nkey checksum mismatch");
        }
        byte[] key = new byte[KEY_LENGTH];
        System.arraycopy(raw, 1, key, 0, KEY_LENGTH);
        return key;
    }

    /** The JDK's ed25519 public key for a user nkey. @throws IllegalArgumentException for a bad nkey */
    public static PublicKey userPublicKey(String text) {
        return ed25519(publicKeyBytes(text, PREFIX_USER));
    }

    /** An ed25519 public key from its 32-byte RFC 8032 encoding (little-endian y, top bit = x is odd). */
    static PublicKey ed25519(byte[] encoded) {
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = encoded[KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an ed25519 public key: " + e.getMessage(), e);
        }
    }

    static byte[] base32Decode(String text) {
        int bits = 0;
        int buffer = 0;
        byte[] out = new byte[text.length() * 5 / 8];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = BASE32.indexOf(text.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not base32: '" + text.charAt(i) + "' at " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >> bits);
            }
        }
        return out;
    }

    /** CRC-16/XMODEM (polynomial 0x1021, initial 0) of the first {@code length} bytes. */
    static int crc16(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xff) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }
}
