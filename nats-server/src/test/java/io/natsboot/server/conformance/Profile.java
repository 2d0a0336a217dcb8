package io.natsboot.server.conformance;

import io.natsboot.server.options.AuthUser;
import io.natsboot.server.options.NkeyUser;
import io.natsboot.server.options.ServerOptions;

import java.time.Duration;
import java.util.function.Consumer;

/** A server configuration, written once for nats-server (config file) and once for natsboot (options). */
enum Profile {
    DEFAULT("", o -> {
    }),
    SMALL_PAYLOAD("max_payload: 64\n", o -> o.setMaxPayload(64)),
    MAX_SUBSCRIPTIONS("max_subscriptions: 2\n", o -> o.setMaxSubscriptions(2)),
    NO_HEADER_SUPPORT("no_header_support: true\n", o -> o.setNoHeaderSupport(true)),
    /** Used by one conversation only: earlier connections would count against the limit. */
    ONE_CONNECTION("max_connections: 1\n", o -> o.setMaxConnections(1)),
    FAST_PING("ping_interval: \"200ms\"\nping_max: 2\n",
            o -> o.setPingInterval(Duration.ofMillis(200)).setPingMax(2)),
    USER_AUTH("authorization { user: alice, password: secret, timeout: 0.5 }\n",
            o -> o.getAuthorization().setUser("alice").setPassword("secret").setTimeout(Duration.ofMillis(500))),
    TOKEN_AUTH("authorization { token: s3cr3t }\n", o -> o.getAuthorization().setToken("s3cr3t")),
    USERS_AUTH("authorization { users: [ {user: alice, password: \"" + AuthFixtures.BCRYPT_PW + "\"}, "
            + "{user: bob, password: pw}, {nkey: " + AuthFixtures.NKEY_PUBLIC + "} ] }\n",
            o -> {
                o.getAuthorization().getUsers().add(new AuthUser("alice", AuthFixtures.BCRYPT_PW));
                o.getAuthorization().getUsers().add(new AuthUser("bob", "pw"));
                o.getAuthorization().getNkeys().add(new NkeyUser(AuthFixtures.NKEY_PUBLIC));
            }),
    NO_AUTH_USER("authorization { users: [ {user: bob, password: pw} ] }\nno_auth_user: bob\n",
            o -> o.getAuthorization().setNoAuthUser("bob").getUsers().add(new AuthUser("bob", "pw"))),
    /** Users whose permissions come with their login (the auth and permission parts together); natsboot reads the
     *  same text through its config-file mapping. */
    USERS_PERMISSIONS(AuthFixtures.USERS_PERMISSIONS_CONFIG, o -> AuthFixtures.applyConfig(o,
            AuthFixtures.USERS_PERMISSIONS_CONFIG));

    final String natsServerConfig;
    final Consumer<ServerOptions> natsbootOptions;

    Profile(String natsServerConfig, Consumer<ServerOptions> natsbootOptions) {
        this.natsServerConfig = natsServerConfig;
        this.natsbootOptions = natsbootOptions;
    }
}
