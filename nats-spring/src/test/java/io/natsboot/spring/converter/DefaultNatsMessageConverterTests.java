package io.natsboot.spring.converter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultNatsMessageConverterTests {

    record Point(int x, int y) {
    }

    private final DefaultNatsMessageConverter converter = new DefaultNatsMessageConverter();

    @Test
    void bytesPassThroughAndStringsAreUtf8() {
        byte[] raw = { 1, 2, 3 };
        assertThat(converter.toBytes(raw)).isSameAs(raw);
        assertThat(converter.fromBytes(raw, byte[].class)).isSameAs(raw);
        assertThat(converter.toBytes("héllo")).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(converter.fromBytes("héllo".getBytes(StandardCharsets.UTF_8), String.class)).isEqualTo("héllo");
        assertThat(converter.toBytes(null)).isEmpty();
    }

    @Test
    void otherTypesAreJsonIncludingGenerics() {
        byte[] json = converter.toBytes(new Point(1, 2));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"x\":1,\"y\":2}");
        assertThat(converter.fromBytes(json, Point.class)).isEqualTo(new Point(1, 2));
        Object list = converter.fromBytes("[{\"x\":3,\"y\":4}]".getBytes(StandardCharsets.UTF_8),
                new TypeReference<List<Point>>() { }.getType());
        assertThat(list).isEqualTo(List.of(new Point(3, 4)));
        assertThat(converter.fromBytes(new byte[0], Point.class)).isNull();
    }

    @Test
    void badJsonIsAConversionException() {
        assertThatThrownBy(() -> converter.fromBytes("nope".getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOf(NatsMessageConversionException.class)
                .hasMessageContaining("Point");
    }

    @Test
    void contentTypeOnlyWhenAskedFor() {
        assertThat(converter.contentType("x")).isNull();
        converter.setContentTypeHeader(true);
        assertThat(converter.contentType("x")).startsWith("text/plain");
        assertThat(converter.contentType(new byte[0])).isEqualTo("application/octet-stream");
        assertThat(converter.contentType(new Point(0, 0))).isEqualTo("application/json");
    }
}
