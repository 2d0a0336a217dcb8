package io.natsboot.demo;

import io.natsboot.boot.server.EmbeddedNatsServer;

import org.springframework.stereotype.Component;

/** This application's embedded NATS node, by name and client port. */
@Component
public class NodeInfo {

    private final EmbeddedNatsServer embedded;

    public NodeInfo(EmbeddedNatsServer embedded) {
        this.embedded = embedded;
    }

    public String name() {
        return embedded.getServer().serverName();
    }

    public int port() {
        return embedded.getServer().port();
    }

}
