package io.natsboot.server.options;

import java.util.Objects;

/**
 * One {@code authorization.users} entry identified by an nkey: the client proves it holds the key by signing the
 * nonce the server sent in INFO.
 */
public final class NkeyUser {

    private final String nkey;
    private Permissions permissions;

    /** @param nkey the user's public nkey, {@code U...} (56 characters) */
    public NkeyUser(String nkey) {
        this.nkey = Objects.requireNonNull(nkey, "nkey");
    }

    public String getNkey() {
        return nkey;
    }

    /** This user's permissions, or {@code null} for the authorization block's default permissions. */
    public Permissions getPermissions() {
        return permissions;
    }

    public NkeyUser setPermissions(Permissions permissions) {
        this.permissions = permissions;
        return this;
    }
}
