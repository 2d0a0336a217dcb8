package io.natsboot.server.auth;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A distinguished name as a list of relative names, each a set of type-value pairs, compared as nats-server 2.9
 * compares a user name with a certificate subject: types without regard to case, values exactly. Index 0 is the
 * rightmost relative name of the written form, which is the first one a certificate encodes. Immutable.
 */
record DistinguishedName(List<List<TypeAndValue>> rdns) {

    /** One attribute of a relative name. */
    record TypeAndValue(String type, String value) {

        boolean sameAs(TypeAndValue other) {
            return type.equalsIgnoreCase(other.type) && value.equals(other.value);
        }
    }

    /**
     * The attribute types nats-server can read from a certificate subject, by the name the JDK writes them with
     * (keyword or dotted OID), mapped to nats-server's names.
     */
    private static final Map<String, String> KNOWN_TYPES = Map.of("CN", "CN", "2.5.4.5", "SERIALNUMBER", "C", "C",
            "L", "L", "ST", "ST", "STREET", "STREET", "O", "O", "OU", "OU", "2.5.4.17", "POSTALCODE", "DC", "DC");

    /** A name written as RFC 4514 text (a configured user name); empty when it is not one. */
    static Optional<DistinguishedName> parse(String text) {
        try {
            return Optional.of(of(new LdapName(text)));
        } catch (NamingException | IllegalArgumentException notADn) {
            return Optional.empty();
        }
    }

    /** A certificate's subject, every attribute kept, types as the JDK names them. */
    static DistinguishedName of(X500Principal subject) {
        try {
            return of(new LdapName(subject.getName(X500Principal.RFC2253)));
        } catch (NamingException e) {
            throw new IllegalArgumentException("unreadable certificate subject", e);
        }
    }

    private static DistinguishedName of(LdapName name) throws NamingException {
        List<List<TypeAndValue>> rdns = new ArrayList<>();
        for (Rdn rdn : name.getRdns()) {
            List<TypeAndValue> attributes = new ArrayList<>();
            NamingEnumeration<? extends Attribute> all = rdn.toAttributes().getAll();
            while (all.hasMore()) {
                Attribute a = all.next();
                for (int i = 0; i < a.size(); i++) {
                    attributes.add(new TypeAndValue(a.getID(), text(a.get(i))));
                }
            }
            rdns.add(List.copyOf(attributes));
        }
        return new DistinguishedName(List.copyOf(rdns));
    }

    /**
     * This subject with nats-server's type names, for comparing with user names; empty when it has an attribute
     * nats-server cannot read (an e-mail address, a user id...), as nats-server then skips the comparison.
     */
    Optional<DistinguishedName> withKnownTypes() {
        List<List<TypeAndValue>> named = new ArrayList<>();
        for (List<TypeAndValue> rdn : rdns) {
            List<TypeAndValue> attributes = new ArrayList<>();
            for (TypeAndValue a : rdn) {
                String type = KNOWN_TYPES.get(a.type().toUpperCase(Locale.ROOT));
                if (type == null) {
                    return Optional.empty();
                }
                attributes.add(new TypeAndValue(type, a.value()));
            }
            named.add(List.copyOf(attributes));
        }
        return Optional.of(new DistinguishedName(List.copyOf(named)));
    }

    /** The same relative names in the same order. */
    boolean equalInOrder(DistinguishedName other) {
        if (rdns.size() != other.rdns.size()) {
            return false;
        }
        for (int i = 0; i < rdns.size(); i++) {
            if (!sameRdn(rdns.get(i), other.rdns.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** As many relative names, each of this one's found among the other's, in whatever order. */
    boolean equalInAnyOrder(DistinguishedName other) {
        if (rdns.size() != other.rdns.size()) {
            return false;
        }
        for (List<TypeAndValue> mine : rdns) {
            if (other.rdns.stream().noneMatch(theirs -> sameRdn(mine, theirs))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameRdn(List<TypeAndValue> a, List<TypeAndValue> b) {
        return a.size() == b.size() && containsAll(a, b) && containsAll(b, a);
    }

    private static boolean containsAll(List<TypeAndValue> in, List<TypeAndValue> wanted) {
        for (TypeAndValue w : wanted) {
            if (in.stream().noneMatch(w::sameAs)) {
                return false;
            }
        }
        return true;
    }

    /** An attribute value: text, or the DER encoding of a string the JDK wrote as {@code #hex}. */
    private static String text(Object value) {
        if (value instanceof byte[] der) {
            return DerString.decode(der);
        }
        return String.valueOf(value);
    }

    /** Decodes one DER-encoded ASN.1 string (UTF8String, PrintableString, IA5String, BMPString, ...). */
    static final class DerString {

        private static final int BMP_STRING = 0x1E;
        private static final int UNIVERSAL_STRING = 0x1C;

        private DerString() {
        }

        static String decode(byte[] der) {
            if (der.length < 2) {
                throw new IllegalArgumentException("not a DER string");
            }
            int tag = der[0] & 0xFF;
            int length = der[1] & 0xFF;
            int offset = 2;
            if (length > 0x7F) {
                int octets = length & 0x7F;
                if (octets > 3 || der.length < 2 + octets) {
                    throw new IllegalArgumentException("not a DER string");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[offset++] & 0xFF);
                }
            }
            if (offset + length > der.length) {
                throw new IllegalArgumentException("not a DER string");
            }
            return switch (tag) {
                case BMP_STRING -> new String(der, offset, length, StandardCharsets.UTF_16BE);
                case UNIVERSAL_STRING -> new String(der, offset, length, Charset.forName("UTF-32BE"));
                default -> new String(der, offset, length, StandardCharsets.UTF_8);
            };
        }
    }
}
