package io.natsboot.server.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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

    /** The lookup chain for {@code $NAME}: the map being filled, then the maps enclosing it. */
    private record Scope(ConfigValue map, Scope parent) {
    }

    /** One text being parsed: a file, an included file or an environment value. */
    private final class Doc extends ConfigCursor {
        private final Path dir;
        private final List<Path> includeChain;
        private final boolean environmentValue;

        Doc(String src, String name, Path dir, List<Path> includeChain, boolean environmentValue) {
            super(src, name);
            this.dir = dir;
            this.includeChain = includeChain;
            this.environmentValue = environmentValue;
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
