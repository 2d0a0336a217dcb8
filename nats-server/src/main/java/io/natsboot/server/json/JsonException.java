package io.natsboot.server.json;

/** A JSON document that could not be read. */
public final class JsonException extends RuntimeException {

    public JsonException(String message) {
        super(message);
    }
}
