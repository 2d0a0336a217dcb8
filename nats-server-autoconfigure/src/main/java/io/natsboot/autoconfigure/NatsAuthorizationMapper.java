package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.Permissions;
import io.natsboot.server.options.ServerOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Maps {@code nats.server.auth.*} and {@code nats.server.cluster.auth.*} onto the engine's options, refusing the
 * combinations nats-server refuses (with its wording) before the node starts, so the failure names the property.
 */
final class NatsAuthorizationMapper {

    private static final String PREFIX = "nats.server.auth";

    /** A public user nkey: 'U' and 55 more base32 characters. */
    private static final Pattern USER_NKEY = Pattern.compile("U[A-Z2-7]{55}");

    private NatsAuthorizationMapper() {
    }

    static void map(NatsServerProperties.Auth auth, ServerOptions.Authorization target) {
        map(auth, target, false);
    }

    /**
     * @param usersFromCertificates with 'nats.server.tls.verify-and-map' a user may have no password: its client
     * certificate names it
     */
    static void map(NatsServerProperties.Auth auth, ServerOptions.Authorization target,
            boolean usersFromCertificates) {
        boolean single = StringUtils.hasText(auth.getUser()) || StringUtils.hasText(auth.getPassword());
        boolean token = StringUtils.hasText(auth.getToken());
        List<NatsServerProperties.User> users = auth.getUsers();
        if (single && token) {
            throw invalid("token", "******", "Cannot have a user/pass and token");
        }
        if (token && !users.isEmpty()) {
            throw invalid("token", "******", "Can not have a token and a users array");
        }
        if (single && !users.isEmpty()) {
            throw invalid("users", users.size() + " users", "Can not have a single user/pass and a users array");
        }
        if (single) {
            target.setUser(required("user", auth.getUser(), "must be set together with " + PREFIX + ".password"));
            target.setPassword(
                    required("password", auth.getPassword(), "must be set together with " + PREFIX + ".user"));
        }
        if (token) {
            target.setToken(auth.getToken());
        }
        if (auth.getTimeout() != null) {
            target.setTimeout(positive(PREFIX + ".timeout", auth.getTimeout()));
        }
        for (int i = 0; i < users.size(); i++) {
            user(i, users.get(i), target, usersFromCertificates);
        }
        target.setDefaultPermissions(permissions(PREFIX + ".default-permissions", auth.getDefaultPermissions()));
        if (StringUtils.hasText(auth.getNoAuthUser())) {
            target.setNoAuthUser(noAuthUser(auth.getNoAuthUser(), target));
        }
    }

    static void mapRoute(NatsServerProperties.RouteAuth auth, ServerOptions.Cluster cluster) {
        String prefix = "nats.server.cluster.auth";
        boolean user = StringUtils.hasText(auth.getUser());
        boolean password = StringUtils.hasText(auth.getPassword());
        if (user != password) {
            String missing = user ? "password" : "user";
            throw new InvalidConfigurationPropertyValueException(prefix + "." + missing, null,
                    "Route authorization needs both " + prefix + ".user and " + prefix + ".password");
        }
        if (user) {
            cluster.setUser(auth.getUser());
            cluster.setPassword(auth.getPassword());
        }
        if (auth.getTimeout() != null) {
            cluster.setAuthTimeout(positive(prefix + ".timeout", auth.getTimeout()));
        }
    }

    private static void user(int index, NatsServerProperties.User user, ServerOptions.Authorization target,
            boolean fromCertificate) {
        String prefix = PREFIX + ".users[" + index + "]";
        Permissions permissions = permissions(prefix + ".permissions", user.getPermissions());
        if (StringUtils.hasText(user.getNkey())) {
            if (StringUtils.hasText(user.getUser()) || StringUtils.hasText(user.getPassword())) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".nkey", user.getNkey(),
                        "Nkey users do not take usernames or passwords");
            }
            if (!USER_NKEY.matcher(user.getNkey()).matches()) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".nkey", user.getNkey(),
                        "Not a valid public nkey for a user (U followed by 55 base32 characters, as 'nk -gen user' prints)");
            }
            target.getNkeys().add(new NkeyUser(user.getNkey()).setPermissions(permissions));
            return;
        }
        if (!StringUtils.hasText(user.getUser())) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".user", null,
                    "User entry requires a user (or an nkey)");
        }
        if (!fromCertificate && !StringUtils.hasText(user.getPassword())) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".password", null,
                    "User '" + user.getUser() + "' needs a password (plain or bcrypt), or an nkey instead of a user,"
                            + " or nats.server.tls.verify-and-map=true to take users from client certificates");
        }
        String password = user.getPassword() == null ? "" : user.getPassword();
        target.getUsers().add(new AuthUser(user.getUser(), password).setPermissions(permissions));
    }

    private static String noAuthUser(String name, ServerOptions.Authorization target) {
        if (target.getUsers().isEmpty() && target.getNkeys().isEmpty()) {
            throw invalid("no-auth-user", name, "no_auth_user: \"" + name
                    + "\" present, but users are not defined (set " + PREFIX + ".users)");
        }
        boolean known = target.getUsers().stream().anyMatch((user) -> user.getUser().equals(name))
                || target.getNkeys().stream().anyMatch((nkey) -> nkey.getNkey().equals(name));
        if (!known) {
            throw invalid("no-auth-user", name,
                    "no_auth_user: \"" + name + "\" not present as user in " + PREFIX + ".users");
        }
        return name;
    }

    /** The engine's permissions, or {@code null} when nothing is set (the defaults apply). */
    static @Nullable Permissions permissions(String prefix, NatsServerProperties.Permissions properties) {
        Permissions.SubjectPermission publish = subjects(properties.getPublish());
        Permissions.SubjectPermission subscribe = subjects(properties.getSubscribe());
        Permissions.ResponsePermission response = response(prefix + ".allow-responses",
                properties.getAllowResponses());
        if (publish == null && subscribe == null && response == null) {
            return null;
        }
        return new Permissions().setPublish(publish).setSubscribe(subscribe).setResponse(response);
    }

    private static Permissions.@Nullable SubjectPermission subjects(NatsServerProperties.SubjectPermission properties) {
        if (properties.getAllow().isEmpty() && properties.getDeny().isEmpty()) {
            return null;
        }
        Permissions.SubjectPermission subjects = new Permissions.SubjectPermission();
        properties.getAllow().stream().map(String::trim).forEach(subjects.getAllow()::add);
        properties.getDeny().stream().map(String::trim).forEach(subjects.getDeny()::add);
        return subjects;
    }

    private static Permissions.@Nullable ResponsePermission response(String prefix,
            NatsServerProperties.AllowResponses properties) {
        boolean tuned = properties.getMaxMsgs() != null || properties.getExpires() != null;
        boolean enabled = (properties.getEnabled() != null) ? properties.getEnabled() : tuned;
        if (!enabled) {
            return null;
        }
        Permissions.ResponsePermission response = new Permissions.ResponsePermission();
        if (properties.getMaxMsgs() != null) {
            if (properties.getMaxMsgs() <= 0) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".max-msgs", properties.getMaxMsgs(),
                        "must be positive");
            }
            response.setMaxMsgs(properties.getMaxMsgs());
        }
        if (properties.getExpires() != null) {
            response.setExpires(positive(prefix + ".expires", properties.getExpires()));
        }
        return response;
    }

    private static String required(String name, @Nullable String value, String reason) {
        if (!StringUtils.hasText(value)) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "." + name, null, reason);
        }
        return value;
    }

    private static Duration positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be positive");
        }
        return value;
    }

    private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
            String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + "." + name, value, reason);
    }

}
