package io.natsboot.server.options;


import java.util.HashSet;
import java.util.Set;

/**
 * The consistency checks nats-server 2.9 makes on client authorization, with its wording, for options from any
 * source (config file, command line, Spring). Stateless.
 */
public final class AuthorizationCheck {

    private AuthorizationCheck() {
    }

    /**
     * Checks the {@code authorization} block on its own (nats-server does this while reading the config file).
     *
     * @throws IllegalArgumentException with nats-server's message
     */
    public static void checkBlock(ServerOptions.Authorization auth) {
        boolean single = notEmpty(auth.getUser()) || notEmpty(auth.getPassword());
        boolean token = notEmpty(auth.getToken());
        if (single && token) {
            throw new IllegalArgumentException("Cannot have a user/pass and token");
        }
        boolean list = !auth.getUsers().isEmpty() || !auth.getNkeys().isEmpty();
        if (list && notEmpty(auth.getUser())) {
            throw new IllegalArgumentException("Can not have a single user/pass and a users array");
        }
        if (list && token) {
            throw new IllegalArgumentException("Can not have a token and a users array");
        }
        Set<String> names = new HashSet<>();
        for (AuthUser u : auth.getUsers()) {
            if (!names.add(u.getUser())) {
                throw new IllegalArgumentException("Duplicate user \"" + u.getUser() + "\" detected");
            }
        }
        for (NkeyUser n : auth.getNkeys()) {
            if (!NKeys.isValidPublicUserKey(n.getNkey())) {
                throw new IllegalArgumentException("Not a valid public nkey for a user");
            }
            if (!names.add(n.getNkey())) {
                throw new IllegalArgumentException("Duplicate nkey \"" + n.getNkey() + "\" detected");
            }
        }
    }

    /**
     * Checks that {@code no_auth_user} names a configured user (nats-server does this at startup, not with
     * {@code -t}).
     *
     * @throws IllegalArgumentException with nats-server's message
     */
    public static void checkNoAuthUser(ServerOptions.Authorization auth) {
        String name = auth.getNoAuthUser();
        if (name == null || name.isEmpty()) {
            return;
        }
        if (auth.getUsers().isEmpty()) {
            throw new IllegalArgumentException("no_auth_user: \"" + name + "\" present, but users are not defined");
        }
        for (AuthUser u : auth.getUsers()) {
            if (u.getUser().equals(name)) {
                return;
            }
        }
        throw new IllegalArgumentException("no_auth_user: \"" + name
                + "\" not present as user in authorization block or account configuration");
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
