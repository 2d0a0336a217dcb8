package io.natsboot.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted PEM private key in any of the forms nats-server (Go's {@code tls.LoadX509KeyPair}) takes:
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) and SEC1 EC
 * ({@code BEGIN EC PRIVATE KEY}). The JDK reads only PKCS#8, so the other two are wrapped into it first.
 */
final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]*)-----END \\1PRIVATE KEY-----");
    /** DER of the AlgorithmIdentifier {rsaEncryption, NULL}. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemKeys() {
    }

    static PrivateKey read(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw new GeneralSecurityException("no PEM private key found");
        }
        String type = m.group(1).trim();
        byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        switch (type) {
            case "":
                return pkcs8(der);
            case "RSA":
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                        privateKeyInfo(RSA_ALGORITHM, der)));
            case "EC":
                byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, namedCurve(der));
                return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                        privateKeyInfo(algorithm, der)));
            default:
                throw new GeneralSecurityException("unsupported key type \"" + type + " PRIVATE KEY\""
                        + (type.equals("ENCRYPTED") ? " (encrypted keys are not supported)" : ""));
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "DSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the algorithm is in the key's own AlgorithmIdentifier, but asking each factory is simpler
            }
        }
        throw new GeneralSecurityException("not an RSA, EC, Ed25519 or DSA PKCS#8 key");
    }

    /** PrivateKeyInfo: SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }. */
    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key));
    }

    /**
     * The curve OID of a SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING }. Go and
     * OpenSSL always write the [0] parameters.
     */
    private static byte[] namedCurve(byte[] sec1) throws GeneralSecurityException {
        Der d = new Der(sec1);
        d.enter(0x30);
        d.skip(0x02);
        d.skip(0x04);
        if (d.atEnd() || d.peek() != (byte) 0xa0) {
            throw new GeneralSecurityException("EC key without its curve parameters");
        }
        d.enter(0xa0);
        return d.element(0x06);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Just enough of a DER reader to walk to the curve of an EC key. */
    private static final class Der {
        private final byte[] b;
        private int pos;

        Der(byte[] b) {
            this.b = b;
        }

        boolean atEnd() {
            return pos >= b.length;
        }

        byte peek() throws GeneralSecurityException {
            if (pos >= b.length) {
                throw new GeneralSecurityException("truncated key");
            }
            return b[pos];
        }

        /** Steps into a constructed element: the cursor moves to its first child. */
        void enter(int tag) throws GeneralSecurityException {
            expect(tag);
            length();
        }

        void skip(int tag) throws GeneralSecurityException {
            expect(tag);
            int n = length(); // not "pos += length()": that would add to pos as it was before the length bytes
            pos += n;
        }

        /** A whole element, tag and length included. */
        byte[] element(int tag) throws GeneralSecurityException {
            int start = pos;
            expect(tag);
            int n = length();
            pos += n;
            if (pos > b.length) {
                throw new GeneralSecurityException("truncated key");
            }
            return Arrays.copyOfRange(b, start, pos);
        }

        private void expect(int tag) throws GeneralSecurityException {
            if ((peek() & 0xff) != tag) {
                throw new GeneralSecurityException("malformed key");
            }
            pos++;
        }

        private int length() throws GeneralSecurityException {
            int first = peek() & 0xff;
            pos++;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count == 0 || count > 4) {
                throw new GeneralSecurityException("malformed key");
            }
            int n = 0;
            for (int i = 0; i < count; i++) {
                n = (n << 8) | (peek() & 0xff);
                pos++;
            }
            return n;
        }
    }
}
