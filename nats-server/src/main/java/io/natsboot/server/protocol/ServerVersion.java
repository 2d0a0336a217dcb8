package io.natsboot.server.protocol;

/** The versions a natsboot server reports. */
public final class ServerVersion {

    /** The nats-server version whose protocol and behaviour natsboot implements; sent in INFO, as clients gate
     *  features on it. */
    public static final String NATS_VERSION = "2.9.10";

    /** Client protocol level: 1 = the client may receive asynchronous INFO. */
    public static final int CLIENT_PROTO = 1;

    private ServerVersion() {
    }

    /** natsboot's own version, from the jar manifest when packaged. */
    public static String natsbootVersion() {
        String v = ServerVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
