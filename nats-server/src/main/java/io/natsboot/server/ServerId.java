package io.natsboot.server;

import java.security.SecureRandom;

/**
 * Makes server ids in the form nats-server uses: the public key of a server NKey, 56 base32 characters starting with
 * {@code N}. The key is random and never used to sign; the encoding (prefix byte, CRC-16) is the real one, so tools
 * that validate ids accept it.
 */
public final class ServerId {

    private static final int SERVER_PREFIX = 13 << 3; // 'N' in base32
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerId() {
    }

    public static String random() {
        byte[] raw = new byte[1 + 32 + 2];
        raw[0] = (byte) SERVER_PREFIX;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        System.arraycopy(key, 0, raw, 1, 32);
        int crc = crc16(raw, 33);
        raw[33] = (byte) crc;
        raw[34] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /** CRC-16/XMODEM (polynomial 0x1021, initial 0), as the NKey encoding uses. */
    static int crc16(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    /** RFC 4648 base32 without padding. */
    static String base32(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }
}
