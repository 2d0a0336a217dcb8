package io.natsboot.server.auth;

import io.natsboot.server.options.NKeys;
import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.protocol.ConnectOptions;
import io.natsboot.server.tls.TlsDefaults;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a client's CONNECT credentials against the server's {@code authorization}, in nats-server 2.9's order: an
 * nkey when nkey users exist and the client sent one, else the {@code users} list (the user its TLS certificate names
 * with {@code verify_and_map}, else the user it sent, or {@code no_auth_user} for a client that sent no
 * credentials), else the single token, else the single user/password. Built once per server; immutable and
 * thread-safe.
 */
public final class Authenticator {

    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());

    private final boolean configured;
    private final String user;
    private final String password;
    private final String token;
    private final Map<String, AuthUser> users = new LinkedHashMap<>();
    private final Map<String, NkeyUser> nkeys = new LinkedHashMap<>();
    private final Permissions defaultPermissions;
    private final String noAuthUser;
    private final boolean usersFromCertificates;
    private final Duration timeout;

    public Authenticator(ServerOptions options) {
        ServerOptions.Authorization auth = options.getAuthorization();
        this.configured = auth.isConfigured();
        this.user = auth.getUser();
        this.password = auth.getPassword();
        this.token = auth.getToken();
        for (AuthUser u : auth.getUsers()) {
            users.put(u.getUser(), u);
        }
        for (NkeyUser n : auth.getNkeys()) {
            nkeys.put(n.getNkey(), n);
        }
        this.defaultPermissions = auth.getDefaultPermissions();
        this.noAuthUser = auth.getNoAuthUser();
        this.usersFromCertificates = options.getTls().isVerifyAndMap();
        this.timeout = timeout(options);
    }

    /**
     * {@code authorization.timeout}, else the server's auth_timeout; with client TLS and no explicit timeout,
     * tls_timeout plus one second, as nats-server leaves the handshake its own time first.
     */
    static Duration timeout(ServerOptions options) {
        Duration explicit = options.getAuthorization().getTimeout();
        return explicit != null ? explicit : TlsDefaults.authTimeout(options.getTls(), options.getAuthTimeout());
    }

    /** Whether clients must authenticate at all. */
    public boolean isConfigured() {
        return configured;
    }

    /**
     * Whether a client must send CONNECT first and within {@link #timeout()}; false with {@code no_auth_user}, where
     * a silent client is that user (INFO then has no {@code auth_required}, as in nats-server).
     */
    public boolean isRequired() {
        return configured && noAuthUser == null;
    }

    /**
     * Whether checking this CONNECT means comparing against a bcrypt hash, slow enough that it must not run on an
     * event loop ({@link CredentialChecks}).
     */
    public boolean isSlow(ConnectOptions connect) {
        if (!configured) {
            return false;
        }
        return switch (way(connect)) {
            case LISTED_USER -> {
                AuthUser u = users.get(empty(connect.user()));
                yield u != null && Secrets.isBcrypt(u.getPassword());
            }
            // the user is only known once the certificate is read: any bcrypt password among them makes it slow
            case CERTIFICATE -> users.values().stream().anyMatch(u -> Secrets.isBcrypt(u.getPassword()));
            case TOKEN -> Secrets.isBcrypt(token);
            case SINGLE_USER -> password != null && Secrets.isBcrypt(password);
            case NKEY, NO_AUTH_USER, NONE -> false;
        };
    }

    /** Whether any configured secret is a bcrypt hash, so the server needs {@link CredentialChecks}. */
    public boolean hasSlowSecrets() {
        return (password != null && Secrets.isBcrypt(password)) || (token != null && Secrets.isBcrypt(token))
                || users.values().stream().anyMatch(u -> Secrets.isBcrypt(u.getPassword()));
    }

    /** Whether INFO carries a nonce for clients to sign. */
    public boolean needsNonce() {
        return !nkeys.isEmpty();
    }

    public Duration timeout() {
        return timeout;
    }

    /** The identity of a client that has not sent credentials, when {@code no_auth_user} names one. */
    public Optional<Identity> noAuthIdentity() {
        AuthUser u = noAuthUser == null ? null : users.get(noAuthUser);
        return u == null ? Optional.empty() : Optional.of(identity(u));
    }

    /** Checks a CONNECT that came without TLS (or with a certificate that does not matter). */
    public Optional<Identity> authenticate(ConnectOptions connect, String nonce) {
        return authenticate(connect, nonce, null);
    }

    /**
     * Checks a CONNECT.
     *
     * @param nonce the nonce this connection's INFO carried, or {@code null}
     * @param certificate the client's TLS certificate, or {@code null} (no TLS, or none presented)
     * @return who the client is, or empty when it is refused
     */
    public Optional<Identity> authenticate(ConnectOptions connect, String nonce, X509Certificate certificate) {
        if (!configured) {
            return Optional.of(new Identity("", null));
        }
        String clientUser = empty(connect.user());
        return switch (way(connect)) {
            case NKEY -> {
                String clientNkey = empty(connect.nkey());
                NkeyUser n = nkeys.get(clientNkey);
                if (n == null || nonce == null || !verifySignature(clientNkey, connect.sig(), nonce)) {
                    yield Optional.empty();
                }
                yield Optional.of(new Identity(n.getNkey(), n.getPermissions() != null
                        ? n.getPermissions() : defaultPermissions));
            }
            case NO_AUTH_USER -> noAuthIdentity();
            case CERTIFICATE -> {
                Optional<AuthUser> mapped = certificate == null ? Optional.empty()
                        : CertificateUsers.find(certificate, users.keySet()).map(users::get);
                if (mapped.isEmpty() || !Secrets.matches(mapped.get().getPassword(), connect.pass())) {
                    yield Optional.empty();
                }
                if (!clientUser.isEmpty()) {
                    LOG.log(Level.WARNING, () -> "User \"" + clientUser
                            + "\" found in connect proto, but user required from cert");
                }
                yield Optional.of(identity(mapped.get()));
            }
            case LISTED_USER -> {
                AuthUser u = users.get(clientUser);
                yield u == null || !Secrets.matches(u.getPassword(), connect.pass())
                        ? Optional.empty() : Optional.of(identity(u));
            }
            // nats-server gives the token and the single user no permissions, even when the block sets some
            case TOKEN -> Secrets.matches(token, connect.authToken())
                    ? Optional.of(new Identity("", null)) : Optional.empty();
            case SINGLE_USER -> {
                boolean ok = Secrets.constantTimeEquals(user, clientUser)
                        & Secrets.matches(password == null ? "" : password, connect.pass());
                yield ok ? Optional.of(new Identity(user, null)) : Optional.empty();
            }
            case NONE -> Optional.empty();
        };
    }

    /** How a CONNECT is checked, in nats-server 2.9's order; the one choice both the check and its cost follow. */
    private enum Way { NKEY, CERTIFICATE, NO_AUTH_USER, LISTED_USER, TOKEN, SINGLE_USER, NONE }

    private Way way(ConnectOptions connect) {
        if (!nkeys.isEmpty() && !empty(connect.nkey()).isEmpty()) {
            return Way.NKEY;
        }
        String clientUser = empty(connect.user());
        if (!users.isEmpty() && usersFromCertificates) {
            return Way.CERTIFICATE;
        }
        if (!users.isEmpty()) {
            boolean noCredentials = clientUser.isEmpty() && empty(connect.pass()).isEmpty()
                    && empty(connect.authToken()).isEmpty();
            if (noCredentials && noAuthIdentity().isPresent()) {
                return Way.NO_AUTH_USER;
            }
            if (!clientUser.isEmpty()) {
                return Way.LISTED_USER;
            }
        }
        if (token != null && !token.isEmpty()) {
            return Way.TOKEN;
        }
        if (user != null && !user.isEmpty()) {
            return Way.SINGLE_USER;
        }
        return Way.NONE;
    }

    /** What nats-server appends to its {@code authentication error} log line: the nkey or user tried. */
    public String describeFailure(ConnectOptions connect) {
        if (!nkeys.isEmpty()) {
            return " - Nkey \"" + empty(connect.nkey()) + "\"";
        }
        if (!users.isEmpty()) {
            return " - User \"" + empty(connect.user()) + "\"";
        }
        return "";
    }

    private Identity identity(AuthUser u) {
        return new Identity(u.getUser(), u.getPermissions() != null ? u.getPermissions() : defaultPermissions);
    }

    /** The signature is base64url (raw or padded), or standard base64, of an ed25519 signature of the nonce. */
    static boolean verifySignature(String nkey, String sig, String nonce) {
        if (sig == null || sig.isEmpty()) {
            return false;
        }
        byte[] signature = decodeSignature(sig);
        if (signature == null) {
            return false;
        }
        try {
            PublicKey key = NKeys.userPublicKey(nkey);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(nonce.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] decodeSignature(String sig) {
        try {
            return Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException notUrl) {
            try {
                return Base64.getDecoder().decode(sig);
            } catch (IllegalArgumentException notStd) {
                return null;
            }
        }
    }

    private static String empty(String s) {
        return s == null ? "" : s;
    }
}
