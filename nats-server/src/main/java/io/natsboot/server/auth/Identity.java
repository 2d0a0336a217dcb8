package io.natsboot.server.auth;

import io.natsboot.server.options.Permissions;

/**
 * Who a client authenticated as.
 *
 * @param name        the user name, public nkey, or {@code ""} for the single token
 * @param permissions what it may do; {@code null} means everything
 */
public record Identity(String name, Permissions permissions) {
}
