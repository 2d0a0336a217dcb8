package io.natsboot.spring.converter;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code byte[]} as is, {@code String} as UTF-8, anything else as JSON through Jackson 3. Sends no
 * {@code Content-Type} header unless {@link #setContentTypeHeader(boolean)} is on.
 */
public class DefaultNatsMessageConverter implements NatsMessageConverter {

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BINARY = "application/octet-stream";

    private static final byte[] EMPTY = new byte[0];

    private final JsonMapper jsonMapper;

    private boolean contentTypeHeader;

    public DefaultNatsMessageConverter() {
        this(JsonMapper.builder().build());
    }

    public DefaultNatsMessageConverter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** Whether {@link #contentType(Object)} names a content type (default {@code false}: no header). */
    public void setContentTypeHeader(boolean contentTypeHeader) {
        this.contentTypeHeader = contentTypeHeader;
    }

    public JsonMapper getJsonMapper() {
        return jsonMapper;
    }

    @Override
    public byte[] toBytes(Object payload) {
        if (payload == null) {
            return EMPTY;
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return jsonMapper.writeValueAsBytes(payload);
        }
        catch (RuntimeException ex) {
            throw new NatsMessageConversionException("Cannot write " + payload.getClass().getName() + " as JSON", ex);
        }
    }

    @Override
    public Object fromBytes(byte[] data, Type targetType) {
        if (targetType == byte[].class) {
            return data;
        }
        if (targetType == String.class) {
            return new String(data, StandardCharsets.UTF_8);
        }
        if (data.length == 0) {
            return null;
        }
        try {
            JavaType javaType = jsonMapper.getTypeFactory().constructType(targetType);
            return jsonMapper.readValue(data, javaType);
        }
        catch (RuntimeException ex) {
            throw new NatsMessageConversionException("Cannot read the body as JSON " + targetType.getTypeName(), ex);
        }
    }

    @Override
    public String contentType(Object payload) {
        if (!contentTypeHeader || payload == null) {
            return null;
        }
        if (payload instanceof byte[]) {
            return BINARY;
        }
        return payload instanceof String ? TEXT : JSON;
    }
}
