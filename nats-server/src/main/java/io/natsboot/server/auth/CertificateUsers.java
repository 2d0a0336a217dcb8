package io.natsboot.server.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code tls { verify_and_map: true }}: which {@code authorization.users} entry a client's certificate names, looked
 * for in nats-server 2.9's order: its e-mail, then DNS, then URI subject alternative names as user names; then its
 * subject as a distinguished name equal to a user name parsed as one (attribute by attribute, in order, then in any
 * order); then its subject written as nats-server writes it, with the domain components appended, then without them.
 * Stateless.
 */
public final class CertificateUsers {

    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private CertificateUsers() {
    }

    /**
     * The user the certificate names.
     *
     * @param users the configured user names, in configuration order (the first equal DN wins)
     */
    public static Optional<String> find(X509Certificate certificate, Collection<String> users) {
        List<String> emails = alternativeNames(certificate, SAN_EMAIL);
        List<String> uris = alternativeNames(certificate, SAN_URI);
        DistinguishedName subject;
        try {
            subject = DistinguishedName.of(certificate.getSubjectX500Principal());
        } catch (IllegalArgumentException unreadable) {
            // a subject the JDK writes but cannot read back: only the alternative names can name the user
            subject = new DistinguishedName(List.of());
        }
        String written = SubjectText.of(subject);
        if (emails.isEmpty() && subject.rdns().isEmpty() && uris.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(emails);
        names.addAll(alternativeNames(certificate, SAN_DNS));
        names.addAll(uris);
        for (String name : names) {
            if (users.contains(name)) {
                return Optional.of(name);
            }
        }
        Optional<String> byDn = subject.withKnownTypes().flatMap(dn -> equalDn(dn, users));
        if (byDn.isPresent()) {
            return byDn;
        }
        String domainComponents = SubjectText.domainComponents(subject);
        if (!domainComponents.isEmpty() && users.contains(written + "," + domainComponents)) {
            return Optional.of(written + "," + domainComponents);
        }
        return users.contains(written) ? Optional.of(written) : Optional.empty();
    }

    private static Optional<String> equalDn(DistinguishedName certificate, Collection<String> users) {
        List<String> reordered = new ArrayList<>();
        for (String user : users) {
            Optional<DistinguishedName> dn = DistinguishedName.parse(user);
            if (dn.isEmpty()) {
                continue;
            }
            if (dn.get().equalInOrder(certificate)) {
                return Optional.of(user);
            }
            if (dn.get().equalInAnyOrder(certificate)) {
                reordered.add(user);
            }
        }
        return reordered.stream().findFirst();
    }

    private static List<String> alternativeNames(X509Certificate certificate, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return names;
            }
            for (List<?> entry : all) {
                if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type
                        && entry.get(1) instanceof String name) {
                    names.add(name);
                }
            }
        } catch (CertificateParsingException unreadable) {
            // no usable alternative names: the subject may still name the user
        }
        return names;
    }
}
