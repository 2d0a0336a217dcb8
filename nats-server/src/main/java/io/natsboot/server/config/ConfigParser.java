package io.natsboot.server.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the nats-server configuration format into a {@link ConfigValue} tree whose root is a map.
 *
 * <p>The format, as nats-server 2.9 accepts it:
 * <ul>
 *   <li>{@code key: value}, {@code key = value} or {@code key value}; entries end at a new line, {@code ,} or
 *       {@code ;}. Keys are bare words or quoted.</li>
 *   <li>{@code { ... }} maps, {@code [ ... ]} arrays (elements separated by commas or new lines); the whole file may
 *       be wrapped in braces like a JSON object.</li>
 *   <li>{@code #} and {@code //} comments, where a token may start.</li>
 *   <li>Strings: bare words (ending at white space, {@code , ; } ]}), {@code "double quoted"} with the escapes
 *       {@code \t \n \r \" \\ \xHH}, {@code 'single quoted'} (raw), and block strings: {@code (} at the end of a
 *       line, the text, then {@code )} at the start of a line.</li>
 *   <li>Booleans {@code true false yes no on off} (any case), integers, decimals, and sizes: an integer with a
 *       {@code k m g t p e} suffix counts in powers of 1000, with {@code kb}/{@code ki}/{@code kib} (etc.) in powers
 *       of 1024, any case. Durations such as {@code 2s} or {@code 1h30m} are plain strings here.</li>
 *   <li>{@code include path}: the entries of another file (relative to the including file) are merged where the
 *       directive stands.</li>
 *   <li>{@code $NAME}: the value of the key {@code NAME} defined earlier in this map or an enclosing one of the same
 *       file, else of the environment variable {@code NAME} (itself read as a value, so {@code 4222} is a number).
 *       Variables are not expanded inside quoted strings.</li>
 * </ul>
 * Errors are {@link ConfigException}s located by file, line and column.
 */
public final class ConfigParser {

    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern SIZE = Pattern.compile("(-?\\d+)([kmgtpe])(b|i|ib)?", Pattern.CASE_INSENSITIVE);

    private final Function<String, String> environment;

    /** A parser resolving unknown {@code $NAME}s from the process environment. */
    public ConfigParser() {
        this(System::getenv);
    }

    /** A parser resolving unknown {@code $NAME}s with the given lookup (returning {@code null} when undefined). */
    public ConfigParser(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Parses a config file; errors name it as {@code file} was written. */
    public ConfigValue parseFile(Path file) {
        String text = read(file, null, "configuration file");
        return new Doc(text, file.toString(), parentOf(file), List.of(canonical(file)), false).parseTop();
    }

    /**
     * Parses config text.
     *
     * @param sourceName how errors name the text, e.g. a file name
     * @param baseDir    where relative {@code include}s are looked up
     */
    public ConfigValue parse(String text, String sourceName, Path baseDir) {
        return new Doc(text, sourceName, baseDir, List.of(), false).parseTop();
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static Path canonical(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static String read(Path file, Location from, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(from, "cannot open " + what + " " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw new ConfigException(from, "cannot read " + what + " " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(from, "cannot read " + what + " " + file + ": " + e, null, e);
        }
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** Characters that end a bare value. */
    private static boolean endsToken(int c) {
        return c == -1 || isSpace(c) || c == '\n' || c == ',' || c == ';' || c == '}' || c == ']';
    }

    /** Characters that end a bare key. */
    private static boolean endsKey(int c) {
        return endsToken(c) || c == ':' || c == '=' || c == '{' || c == '[' || c == '#' || c == '"' || c == '\'';
    }

    private static String describe(int c) {
        if (c == -1) {
            return "the end of the file";
        }
        if (c == '\n') {
            return "a new line";
        }
        return "'" + (char) c + "'";
    }

    /** The lookup chain for {@code $NAME}: the map being filled, then the maps enclosing it. */
    private record Scope(ConfigValue map, Scope parent) {
    }

    /** One text being parsed: a file, an included file or an environment value. */
    private final class Doc {
        private final String src;
        private final String name;
        private final Path dir;
        private final List<Path> includeChain;
        private final boolean environmentValue;
        private final int[] lineStarts;
        private int pos;

        Doc(String src, String name, Path dir, List<Path> includeChain, boolean environmentValue) {
            this.src = src;
            this.name = name;
            this.dir = dir;
            this.includeChain = includeChain;
            this.environmentValue = environmentValue;
            int[] starts = new int[16];
            int n = 0;
            starts[n++] = 0;
            for (int i = 0; i < src.length(); i++) {
                if (src.charAt(i) == '\n') {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            this.lineStarts = Arrays.copyOf(starts, n);
        }

        Location loc(int p) {
            int i = Arrays.binarySearch(lineStarts, p);
            int line = i >= 0 ? i : -i - 2;
            return new Location(name, line + 1, p - lineStarts[line] + 1);
        }

        ConfigException error(int p, String message) {
            return new ConfigException(loc(p), message);
        }

        ConfigException error(int p, String key, String message) {
            return new ConfigException(loc(p), key, message);
        }

        int peek() {
            return pos < src.length() ? src.charAt(pos) : -1;
        }

        int peek(int offset) {
            int p = pos + offset;
            return p < src.length() ? src.charAt(p) : -1;
        }

        boolean atComment() {
            int c = peek();
            return c == '#' || (c == '/' && peek(1) == '/');
        }

        void skipSpaces() {
            while (isSpace(peek())) {
                pos++;
            }
        }

        void skipComment() {
            while (peek() != -1 && peek() != '\n') {
                pos++;
            }
        }

        /** Skips white space, new lines, comments and stray entry separators between map entries. */
        void skipBlank() {
            for (;;) {
                int c = peek();
                if (isSpace(c) || c == '\n' || c == ',' || c == ';') {
                    pos++;
                } else if (atComment()) {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        ConfigValue parseTop() {
            if (src.startsWith("\uFEFF")) {
                pos = 1; // a UTF-8 byte order mark
            }
            ConfigValue root = ConfigValue.newMap(loc(0));
            Scope scope = new Scope(root, null);
            skipBlank();
            if (peek() == '{') {
                int open = pos++;
                parseMapBody(root, scope, true, open);
                skipBlank();
                if (peek() != -1) {
                    throw error(pos, "unexpected " + describe(peek()) + " after the '}' closing the file");
                }
            } else {
                parseMapBody(root, scope, false, 0);
            }
            return root;
        }

        void parseMapBody(ConfigValue map, Scope scope, boolean braced, int open) {
            for (;;) {
                skipBlank();
                int c = peek();
                if (c == -1) {
                    if (braced) {
                        throw error(open, "the map opened here is never closed with '}'");
                    }
                    return;
                }
                if (c == '}') {
                    if (braced) {
                        pos++;
                        return;
                    }
                    throw error(pos, "unexpected '}' with no open map to close");
                }
                parseEntry(map, scope, braced);
            }
        }

        void parseEntry(ConfigValue map, Scope scope, boolean braced) {
            int keyPos = pos;
            int c = peek();
            boolean quoted = c == '"' || c == '\'';
            String key;
            if (quoted) {
                key = readQuoted();
            } else {
                key = readBareKey();
                if (key.isEmpty()) {
                    throw error(keyPos, "expected a key, found " + describe(c));
                }
            }
            Location keyLocation = loc(keyPos);
            if (!quoted && key.equalsIgnoreCase("include") && isSpace(peek())) {
                skipSpaces();
                if (peek() != ':' && peek() != '=') {
                    include(map, keyPos);
                    endEntry(braced, key);
                    return;
                }
            }
            skipSpaces();
            if (peek() == ':' || peek() == '=') {
                pos++;
                skipSpaces();
            }
            int v = peek();
            if (v == -1 || v == '\n' || atComment()) {
                throw error(keyPos, key, "expected a value for \"" + key + "\", found " + describe(v));
            }
            ConfigValue value = parseValue(scope, key);
            put(map, new ConfigEntry(key, value, keyLocation));
            endEntry(braced, key);
        }

        void put(ConfigValue map, ConfigEntry entry) {
            Map<String, ConfigEntry> entries = map.mutableEntries();
            entries.remove(entry.key());
            entries.put(entry.key(), entry);
        }

        void endEntry(boolean braced, String key) {
            skipSpaces();
            int c = peek();
            if (c == -1 || c == '\n' || c == ',' || c == ';' || atComment() || (c == '}' && braced)) {
                return;
            }
            throw error(pos, key, "expected a new line, ',' or ';' after the value of \"" + key + "\", found "
                    + describe(c));
        }

        String readBareKey() {
            int start = pos;
            while (!endsKey(peek())) {
                pos++;
            }
            return src.substring(start, pos);
        }

        String readBareToken() {
            int start = pos;
            while (!endsToken(peek())) {
                pos++;
            }
            return src.substring(start, pos);
        }

        String readQuoted() {
            int start = pos;
            char quote = src.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            for (;;) {
                int c = peek();
                if (c == -1) {
                    throw error(start, "the string opened here is never closed with " + quote);
                }
                pos++;
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\\' && quote == '"') {
                    sb.append(readEscape());
                } else {
                    sb.append((char) c);
                }
            }
        }

        char readEscape() {
            int at = pos - 1;
            int e = peek();
            pos++;
            switch (e) {
                case 't':
                    return '\t';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case '"':
                    return '"';
                case '\\':
                    return '\\';
                case 'x': {
                    if (pos + 2 <= src.length()) {
                        String hex = src.substring(pos, pos + 2);
                        if (hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                            pos += 2;
                            return (char) Integer.parseInt(hex, 16);
                        }
                    }
                    throw error(at, "\\x must be followed by two hexadecimal digits");
                }
                default:
                    throw error(at, "invalid escape sequence \\" + (e == -1 ? "" : String.valueOf((char) e))
                            + " (allowed: \\t \\n \\r \\\" \\\\ \\xHH)");
            }
        }

        ConfigValue parseValue(Scope scope, String key) {
            int start = pos;
            Location at = loc(start);
            int c = peek();
            switch (c) {
                case '{': {
                    pos++;
                    ConfigValue map = ConfigValue.newMap(at);
                    parseMapBody(map, new Scope(map, scope), true, start);
                    return map;
                }
                case '[':
                    pos++;
                    return parseArray(scope, key, start);
                case '"':
                case '\'': {
                    String s = readQuoted();
                    return ConfigValue.scalar(ConfigValue.Type.STRING, s, s, at);
                }
                case '(':
                    if (blockStringAhead()) {
                        return readBlockString(start);
                    }
                    break;
                case '$':
                    if (!environmentValue) {
                        pos++;
                        String variable = readBareToken();
                        if (variable.isEmpty()) {
                            throw error(start, key, "'$' must be followed by a variable name");
                        }
                        return resolve(variable, scope, at);
                    }
                    break;
                default:
                    break;
            }
            String token = readBareToken();
            if (token.isEmpty()) {
                throw error(start, key, "expected a value" + (key == null ? "" : " for \"" + key + "\"")
                        + ", found " + describe(c));
            }
            return classify(token, at, start, key);
        }

        ConfigValue parseArray(Scope scope, String key, int open) {
            ConfigValue list = ConfigValue.newList(loc(open));
            for (;;) {
                for (;;) {
                    int c = peek();
                    if (isSpace(c) || c == '\n') {
                        pos++;
                    } else if (atComment()) {
                        skipComment();
                    } else {
                        break;
                    }
                }
                int c = peek();
                if (c == ']') {
                    pos++;
                    return list;
                }
                if (c == -1) {
                    throw error(open, key, "the array opened here is never closed with ']'");
                }
                list.mutableElements().add(parseValue(scope, key));
                skipSpaces();
                c = peek();
                if (c == ',') {
                    pos++;
                } else if (c != '\n' && c != ']' && c != -1 && !atComment()) {
                    throw error(pos, key, "expected ',' or ']' after an array element, found " + describe(c));
                }
            }
        }

        boolean blockStringAhead() {
            int p = pos + 1;
            while (p < src.length() && isSpace(src.charAt(p))) {
                p++;
            }
            return p < src.length() && src.charAt(p) == '\n';
        }

        ConfigValue readBlockString(int start) {
            int p = pos + 1;
            for (;;) {
                int nl = src.indexOf('\n', p);
                if (nl < 0) {
                    throw error(start, "the block string opened here is never closed with ')' at the start of a line");
                }
                if (nl + 1 < src.length() && src.charAt(nl + 1) == ')') {
                    String text = src.substring(pos + 1, nl + 1);
                    pos = nl + 2;
                    return ConfigValue.scalar(ConfigValue.Type.STRING, text, text, loc(start));
                }
                p = nl + 1;
            }
        }

        ConfigValue classify(String token, Location at, int start, String key) {
            switch (token.toLowerCase(Locale.ROOT)) {
                case "true":
                case "yes":
                case "on":
                    return ConfigValue.scalar(ConfigValue.Type.BOOLEAN, Boolean.TRUE, token, at);
                case "false":
                case "no":
                case "off":
                    return ConfigValue.scalar(ConfigValue.Type.BOOLEAN, Boolean.FALSE, token, at);
                default:
                    break;
            }
            if (INTEGER.matcher(token).matches()) {
                try {
                    return ConfigValue.scalar(ConfigValue.Type.INTEGER, Long.parseLong(token), token, at);
                } catch (NumberFormatException e) {
                    throw error(start, key, "the integer " + token + " is out of range");
                }
            }
            if (DECIMAL.matcher(token).matches()) {
                return ConfigValue.scalar(ConfigValue.Type.FLOAT, Double.parseDouble(token), token, at);
            }
            Matcher size = SIZE.matcher(token);
            if (size.matches()) {
                return ConfigValue.scalar(ConfigValue.Type.INTEGER, sizeOf(size, start, key), token, at);
            }
            return ConfigValue.scalar(ConfigValue.Type.STRING, token, token, at);
        }

        long sizeOf(Matcher size, int start, String key) {
            int power = "kmgtpe".indexOf(Character.toLowerCase(size.group(2).charAt(0))) + 1;
            long unit = size.group(3) == null ? 1000 : 1024;
            try {
                long n = Long.parseLong(size.group(1));
                for (int i = 0; i < power; i++) {
                    n = Math.multiplyExact(n, unit);
                }
                return n;
            } catch (ArithmeticException | NumberFormatException e) {
                throw error(start, key, "the size " + size.group() + " is out of range");
            }
        }

        ConfigValue resolve(String variable, Scope scope, Location at) {
            for (Scope s = scope; s != null; s = s.parent()) {
                ConfigEntry defined = s.map().mutableEntries().get(variable);
                if (defined != null) {
                    defined.markReferenced();
                    return defined.value().relocated(at);
                }
            }
            String fromEnvironment = environment.apply(variable);
            if (fromEnvironment == null) {
                throw new ConfigException(at, variable, "variable \"$" + variable
                        + "\" is neither defined earlier in the file nor set in the environment");
            }
            return environmentValue(variable, fromEnvironment, at);
        }

        /** An environment value read as a config value when it is one ({@code 4222}, {@code true}, ...). */
        ConfigValue environmentValue(String variable, String text, Location at) {
            Doc doc = new Doc(text, "$" + variable, dir, includeChain, true);
            try {
                doc.skipSpaces();
                if (doc.peek() != -1) {
                    ConfigValue v = doc.parseValue(null, variable);
                    doc.skipSpaces();
                    if (doc.peek() == -1) {
                        return v.relocated(at);
                    }
                }
            } catch (ConfigException notAValue) {
                // fall through: the text is a plain string
            }
            return ConfigValue.scalar(ConfigValue.Type.STRING, text, text, at);
        }

        void include(ConfigValue map, int keyPos) {
            int at = pos;
            int c = peek();
            String target = c == '"' || c == '\'' ? readQuoted() : readBareToken();
            if (target.isEmpty()) {
                throw error(keyPos, "include needs a file name");
            }
            Path file = dir.resolve(target).normalize();
            Path canonical = canonical(file);
            if (includeChain.contains(canonical)) {
                throw error(at, "include cycle: " + file + " is already being parsed");
            }
            if (includeChain.size() >= MAX_INCLUDE_DEPTH) {
                throw error(at, "includes are nested more than " + MAX_INCLUDE_DEPTH + " deep");
            }
            String text = read(file, loc(at), "include file");
            List<Path> chain = new ArrayList<>(includeChain);
            chain.add(canonical);
            ConfigValue included = new Doc(text, file.toString(), parentOf(file), List.copyOf(chain), false)
                    .parseTop();
            for (ConfigEntry e : included.mutableEntries().values()) {
                put(map, e);
            }
        }
    }
}
