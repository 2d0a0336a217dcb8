package io.natsboot.server.subject;

/** A test subscription: named for readable failures, compared by identity (no equals override on purpose). */
final class Sub {

    private final String name;

    Sub(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
