package io.natsboot.server.auth;

import io.natsboot.server.auth.DistinguishedName.TypeAndValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A certificate subject written as nats-server 2.9 writes it for {@code verify_and_map}: only the attributes Go's
 * certificate name keeps (country, province, locality, street, postal code, organisation, unit, the last common name,
 * the last serial number), each kind in one relative name, most specific first, values escaped as RFC 4514 asks; the
 * domain components, which that form leaves out, separately. Stateless.
 */
final class SubjectText {

    /** Go's order of the kinds it keeps, from the first relative name to the last. */
    private static final List<String> KINDS = List.of("C", "ST", "L", "STREET", "2.5.4.17", "O", "OU", "CN",
            "2.5.4.5");
    private static final List<String> NAMES = List.of("C", "ST", "L", "STREET", "POSTALCODE", "O", "OU", "CN",
            "SERIALNUMBER");

    private SubjectText() {
    }

    /** The written subject, e.g. {@code CN=alice,OU=dev,O=Example,C=US}; empty for an empty subject. */
    static String of(DistinguishedName subject) {
        List<String> rdns = new ArrayList<>();
        for (int k = 0; k < KINDS.size(); k++) {
            List<String> values = values(subject, KINDS.get(k));
            if (values.isEmpty()) {
                continue;
            }
            boolean single = KINDS.get(k).equals("CN") || KINDS.get(k).equals("2.5.4.5");
            List<String> kept = single ? List.of(values.get(values.size() - 1)) : values;
            String name = NAMES.get(k);
            rdns.add(kept.stream().map(v -> name + "=" + escape(v)).collect(Collectors.joining("+")));
        }
        List<String> reversed = new ArrayList<>(rdns.size());
        for (int i = rdns.size() - 1; i >= 0; i--) {
            reversed.add(rdns.get(i));
        }
        return String.join(",", reversed);
    }

    /** The domain components in the certificate's order, e.g. {@code DC=org,DC=example}, unescaped as nats-server does. */
    static String domainComponents(DistinguishedName subject) {
        return values(subject, "DC").stream().map(v -> "DC=" + v).collect(Collectors.joining(","));
    }

    private static List<String> values(DistinguishedName subject, String type) {
        List<String> values = new ArrayList<>();
        for (List<TypeAndValue> rdn : subject.rdns()) {
            for (TypeAndValue a : rdn) {
                if (a.type().toUpperCase(Locale.ROOT).equals(type)) {
                    values.add(a.value());
                }
            }
        }
        return values;
    }

    /** RFC 4514's specials escaped with a backslash; a space only first or last, {@code #} only first. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            boolean escape = switch (c) {
                case ',', '+', '"', '\\', '<', '>', ';' -> true;
                case ' ' -> k == 0 || k == value.length() - 1;
                case '#' -> k == 0;
                default -> false;
            };
            if (escape) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
