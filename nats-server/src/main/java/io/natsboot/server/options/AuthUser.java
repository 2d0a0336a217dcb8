package io.natsboot.server.options;

import java.util.Objects;

/** One {@code authorization.users} entry that logs in with a user name and a password (plain or bcrypt). */
public final class AuthUser {

    private final String user;
    private final String password;
    private Permissions permissions;

    public AuthUser(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String getUser() {
        return user;
    }

    /** The password as configured: plain text, or a bcrypt hash starting with {@code $2a$} (or {@code $2b$ $2y$}). */
    public String getPassword() {
        return password;
    }

    /** This user's permissions, or {@code null} for the authorization block's default permissions. */
    public Permissions getPermissions() {
        return permissions;
    }

    public AuthUser setPermissions(Permissions permissions) {
        this.permissions = permissions;
        return this;
    }
}
