package io.natsboot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {

    private static final Map<String, String> ENV = Map.of(
            "ENV_PORT", "4333",
            "ENV_NAME", "from-env",
            "ENV_BOOL", "yes",
            "ENV_QUOTED", "\"4444\"",
            "ENV_SENTENCE", "two words",
            "ENV_DOLLAR", "$ENV_NAME");

    private static Object parse(String text) {
        return new ConfigParser(ENV::get).parse(text, "t.conf", Path.of(".")).toPlain();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> syntax() {
        return Stream.of(
                arguments("colon", "port: 4222", map("port", 4222L)),
                arguments("equals", "port = 4222", map("port", 4222L)),
                arguments("white space", "port 4222", map("port", 4222L)),
                arguments("no space after colon", "port:4222", map("port", 4222L)),
                arguments("empty file", "", map()),
                arguments("byte order mark", "\uFEFFport: 1", map("port", 1L)),
                arguments("only comments", "# a\n// b\n", map()),
                arguments("hash comment after value", "port: 4222 # the port", map("port", 4222L)),
                arguments("slash comment after value", "port: 4222 // the port", map("port", 4222L)),
                arguments("hash inside a bare word", "name: a#b", map("name", "a#b")),
                arguments("slashes inside a bare word", "url: nats://h:1", map("url", "nats://h:1")),
                arguments("colon inside a bare value", "http: localhost:8222", map("http", "localhost:8222")),
                arguments("semicolons and commas", "a: 1; b = 2, c 3", map("a", 1L, "b", 2L, "c", 3L)),
                arguments("trailing separators", "a: 1,\nb: 2;\n", map("a", 1L, "b", 2L)),
                arguments("CRLF line ends", "a: 1\r\nb: two\r\n", map("a", 1L, "b", "two")),
                arguments("double quoted", "s: \"a b\"", map("s", "a b")),
                arguments("single quoted", "s: 'a \\n b'", map("s", "a \\n b")),
                arguments("escapes", "s: \"t\\tn\\nr\\rq\\\"b\\\\x\\x41\"", map("s", "t\tn\nr\rq\"b\\xA")),
                arguments("quoted keys", "\"port\": 1\n'host': h", map("port", 1L, "host", "h")),
                arguments("quoted number stays a string", "s: \"4222\"", map("s", "4222")),
                arguments("block string", "s (\n  line one\n  line two\n)\n", map("s", "\n  line one\n  line two\n")),
                arguments("true yes on", "a: true\nb: YES\nc: On", map("a", true, "b", true, "c", true)),
                arguments("false no off", "a: false\nb: No\nc: OFF", map("a", false, "b", false, "c", false)),
                arguments("negative integer", "a: -1", map("a", -1L)),
                arguments("leading zero", "a: 05", map("a", 5L)),
                arguments("decimal", "a: 1.5\nb: -0.25", map("a", 1.5, "b", -0.25)),
                arguments("plus sign is a string", "a: +5", map("a", "+5")),
                arguments("quote inside a bare word", "s: it's", map("s", "it's")),
                arguments("duration is a string", "a: 1h30m\nb: \"2s\"\nc: 500ms", map("a", "1h30m", "b", "2s", "c",
                        "500ms")),
                arguments("map", "auth { user: a, pass: b }", map("auth", map("user", "a", "pass", "b"))),
                arguments("map with colon", "auth: {\n  user: a\n}", map("auth", map("user", "a"))),
                arguments("nested maps", "a { b { c { d: 1 } } }", map("a", map("b", map("c", map("d", 1L))))),
                arguments("empty map and array", "a {}\nb: []", map("a", map(), "b", List.of())),
                arguments("array with commas", "r: [a, \"b\", 3]", map("r", List.of("a", "b", 3L))),
                arguments("array on lines", "r: [\n  a # c\n  b,\n  // c\n  c\n]", map("r", List.of("a", "b", "c"))),
                arguments("array of maps", "r: [{a: 1}, {b: 2}]", map("r", List.of(map("a", 1L), map("b", 2L)))),
                arguments("whole file in braces", "{\n  \"port\": 4222,\n  \"debug\": true\n}",
                        map("port", 4222L, "debug", true)),
                arguments("repeated key: last wins", "port: 1\nhost: h\nport: 2", map("host", "h", "port", 2L)),
                arguments("keys keep their case", "Port: 1", map("Port", 1L)),
                arguments("variable", "P = 4555\nport: $P", map("P", 4555L, "port", 4555L)),
                arguments("variable from enclosing map", "U: bob\nauth { user: $U }", map("U", "bob", "auth",
                        map("user", "bob"))),
                arguments("variable from the same map", "auth { U: bob\n user: $U }", map("auth",
                        map("U", "bob", "user", "bob"))),
                arguments("variable holding a map", "M { a: 1 }\nx: $M", map("M", map("a", 1L), "x", map("a", 1L))),
                arguments("variable not expanded in quotes", "s: \"$P\"", map("s", "$P")),
                arguments("environment integer", "port: $ENV_PORT", map("port", 4333L)),
                arguments("environment string", "name: $ENV_NAME", map("name", "from-env")),
                arguments("environment boolean", "b: $ENV_BOOL", map("b", true)),
                arguments("environment quoted", "s: $ENV_QUOTED", map("s", "4444")),
                arguments("environment sentence", "s: $ENV_SENTENCE", map("s", "two words")),
                arguments("environment is not expanded twice", "s: $ENV_DOLLAR", map("s", "$ENV_NAME")),
                arguments("file variable shadows environment", "ENV_PORT: 1\nport: $ENV_PORT",
                        map("ENV_PORT", 1L, "port", 1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntax")
    void parsesSyntax(String name, String text, Map<String, Object> expected) {
        assertThat(parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                arguments("1k", 1_000L), arguments("1K", 1_000L), arguments("1kb", 1_024L), arguments("1KB", 1_024L),
                arguments("1Kb", 1_024L), arguments("1ki", 1_024L), arguments("1KiB", 1_024L),
                arguments("1m", 1_000_000L), arguments("1M", 1_000_000L), arguments("1MB", 1_048_576L),
                arguments("1mb", 1_048_576L), arguments("1Mi", 1_048_576L), arguments("1MiB", 1_048_576L),
                arguments("1G", 1_000_000_000L), arguments("1gb", 1_073_741_824L), arguments("2T", 2_000_000_000_000L),
                arguments("2tb", 2_199_023_255_552L), arguments("3p", 3_000_000_000_000_000L),
                arguments("3pb", 3_377_699_720_527_872L), arguments("3e", 3_000_000_000_000_000_000L),
                arguments("3eb", 3_458_764_513_820_540_928L), arguments("64MB", 67_108_864L),
                arguments("-1k", -1_000L));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("sizes")
    void parsesSizesLikeNatsServer(String text, long expected) {
        ConfigValue v = new ConfigParser(k -> null).parse("s: " + text, "t.conf", Path.of(".")).get("s");
        assertThat(v.type()).isEqualTo(ConfigValue.Type.INTEGER);
        assertThat(v.asLong()).isEqualTo(expected);
        assertThat(v.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("notSizes")
    void leavesOtherSuffixedWordsAsStrings(String text) {
        assertThat(parse("s: " + text)).isEqualTo(map("s", text));
    }

    static Stream<String> notSizes() {
        return Stream.of("1b", "1B", "5s", "1x", "1kbb", "0x10", "1_000", "1e3x", "1.5k");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("two values on a line", "port: 4222 max_payload: 5",
                        "t.conf:1:12: expected a new line, ',' or ';' after the value of \"port\", found 'm'"),
                arguments("value on the next line", "port:\n5", "t.conf:1:1: expected a value for \"port\", found a new line"),
                arguments("no value at end", "port", "t.conf:1:1: expected a value for \"port\", found the end of the file"),
                arguments("unterminated string", "a: 1\ns: \"abc\n", "t.conf:2:4: the string opened here is never closed"),
                arguments("unterminated map", "a {\n  b: 1\n", "t.conf:1:3: the map opened here is never closed with '}'"),
                arguments("unterminated array", "a: [1,\n2\n", "t.conf:1:4: the array opened here is never closed"),
                arguments("array needs separators", "a: [1 2]", "t.conf:1:7: expected ',' or ']' after an array element"),
                arguments("map closed in array", "a: [\n 1\n}", "t.conf:3:1: expected a value for \"a\", found '}'"),
                arguments("stray closing brace", "a: 1\n}", "t.conf:2:1: unexpected '}' with no open map to close"),
                arguments("bad escape", "s: \"a\\ub\"", "t.conf:1:6: invalid escape sequence \\u"),
                arguments("bad hex escape", "s: \"\\xZZ\"", "t.conf:1:5: \\x must be followed by two hexadecimal digits"),
                arguments("integer overflow", "a: 99999999999999999999", "t.conf:1:4: the integer 99999999999999999999 is out of range"),
                arguments("size overflow", "a: 9eb", "t.conf:1:4: the size 9eb is out of range"),
                arguments("undefined variable", "a: 1\nport: $NOPE", "t.conf:2:7: variable \"$NOPE\" is neither defined earlier"),
                arguments("variable defined later", "port: $P\nP: 1", "t.conf:1:7: variable \"$P\" is neither defined"),
                arguments("variable of a sibling map", "a { U: 1 }\nb { u: $U }", "t.conf:2:8: variable \"$U\""),
                arguments("lone dollar", "a: $", "t.conf:1:4: '$' must be followed by a variable name"),
                arguments("unclosed block string", "s (\n abc\n", "t.conf:1:3: the block string opened here is never closed"),
                arguments("text after braced file", "{ a: 1 }\nb: 2", "t.conf:2:1: unexpected 'b' after the '}' closing the file"),
                arguments("missing key", ": 1", "t.conf:1:1: expected a key, found ':'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsErrorsWithFileLineAndColumn(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void remembersWhereEachKeyAndValueIs() {
        ConfigValue root = new ConfigParser(k -> null).parse(
                "# header\nport: 4222\ncluster {\n    name: \"c1\"\n    routes: [\n      nats://a:1\n    ]\n}\n",
                "f.conf", Path.of("."));
        assertThat(root.entry("port").location()).isEqualTo(new Location("f.conf", 2, 1));
        assertThat(root.get("port").location()).isEqualTo(new Location("f.conf", 2, 7));
        ConfigValue cluster = root.get("cluster");
        assertThat(cluster.entry("name").location()).isEqualTo(new Location("f.conf", 4, 5));
        assertThat(cluster.entry("routes").location().line()).isEqualTo(5);
        assertThat(cluster.get("routes").elements().get(0).location()).isEqualTo(new Location("f.conf", 6, 7));
    }

    @Test
    void marksEntriesUsedAsVariables() {
        ConfigValue root = parseValue("P: 1\nQ: 2\nport: $P");
        assertThat(root.entry("P").isReferenced()).isTrue();
        assertThat(root.entry("Q").isReferenced()).isFalse();
        assertThat(root.entry("port").isReferenced()).isFalse();
    }

    @Test
    void variableValuesAreLocatedWhereTheyAreUsed() {
        ConfigValue root = parseValue("P: 1\n\nport: $P");
        assertThat(root.get("port").location()).isEqualTo(new Location("t.conf", 3, 7));
    }

    private static ConfigValue parseValue(String text) {
        return new ConfigParser(k -> null).parse(text, "t.conf", Path.of("."));
    }

    @Test
    void includesFilesRelativeToTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("main.conf"), "port: 1\ninclude sub/a.conf\nauth {\n  include 'sub/auth.conf'\n}\n"
                + "after: $FROM_INCLUDE\n");
        Files.writeString(dir.resolve("sub/a.conf"), "# a\nmax_payload: 1MB\ninclude \"deeper/b.conf\"\n");
        Files.writeString(dir.resolve("sub/deeper/b.conf"), "FROM_INCLUDE: yes\ndebug: true\n");
        Files.writeString(dir.resolve("sub/auth.conf"), "user: bob\npassword: pw\n");
        ConfigValue root = new ConfigParser(k -> null).parseFile(dir.resolve("main.conf"));
        assertThat(root.toPlain()).isEqualTo(map("port", 1L, "max_payload", 1_048_576L, "FROM_INCLUDE", true,
                "debug", true, "auth", map("user", "bob", "password", "pw"), "after", true));
        assertThat(root.entry("debug").location())
                .isEqualTo(new Location(dir.resolve("sub/deeper/b.conf").toString(), 2, 1));
    }

    @Test
    void includedFilesDoNotSeeTheVariablesOfTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.conf"), "U: bob\nauth {\n  include auth.conf\n}\n");
        Files.writeString(dir.resolve("auth.conf"), "\nuser: $U\n");
        assertThatThrownBy(() -> new ConfigParser(k -> null).parseFile(dir.resolve("main.conf")))
                .hasMessageStartingWith(dir.resolve("auth.conf") + ":2:7: variable \"$U\"");
    }

    @Test
    void reportsAMissingIncludeAtTheIncludeLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.conf"), "port: 1\ninclude nope.conf\n");
        assertThatThrownBy(() -> new ConfigParser(k -> null).parseFile(dir.resolve("main.conf")))
                .hasMessage(dir.resolve("main.conf") + ":2:9: cannot open include file "
                        + dir.resolve("nope.conf") + ": no such file");
    }

    @Test
    void refusesIncludeCycles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.conf"), "include b.conf\n");
        Files.writeString(dir.resolve("b.conf"), "x: 1\ninclude ./a.conf\n");
        assertThatThrownBy(() -> new ConfigParser(k -> null).parseFile(dir.resolve("a.conf")))
                .hasMessageContaining("b.conf:2:9: include cycle");
    }

    @Test
    void reportsAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.conf");
        assertThatThrownBy(() -> new ConfigParser().parseFile(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot open configuration file " + missing + ": no such file");
    }

    @Test
    void namesTheFileAsGiven(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.conf"), "a: 1\nb: \"open\n");
        assertThatThrownBy(() -> new ConfigParser().parseFile(dir.resolve("x.conf")))
                .satisfies(e -> assertThat(((ConfigException) e).location())
                        .isEqualTo(new Location(dir.resolve("x.conf").toString(), 2, 4)));
    }
}
