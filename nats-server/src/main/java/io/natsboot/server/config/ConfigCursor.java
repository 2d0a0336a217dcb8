package io.natsboot.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reading position in one text of the nats-server configuration format, with what does not depend on where in
 * the grammar it is: locations for errors, blanks and comments, bare and quoted words with their escapes, and the
 * typing of a bare value (boolean, integer, decimal, size, string). {@link ConfigParser} builds the tree on it.
 */
abstract class ConfigCursor {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern SIZE = Pattern.compile("(-?\\d+)([kmgtpe])(b|i|ib)?", Pattern.CASE_INSENSITIVE);

    final String src;
    final String name;
    private final int[] lineStarts;
    int pos;

    ConfigCursor(String src, String name) {
        this.src = src;
        this.name = name;
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

static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\r';
}

/** Characters that end a bare value. */
static boolean endsToken(int c) {
    return c == -1 || isSpace(c) || c == '\n' || c == ',' || c == ';' || c == '}' || c == ']';
}

/** Characters that end a bare key. */
static boolean endsKey(int c) {
    return endsToken(c) || c == ':' || c == '=' || c == '{' || c == '[' || c == '#' || c == '"' || c == '\'';
}

static String describe(int c) {
    if (c == -1) {
        return "the end of the file";
    }
    if (c == '\n') {
        return "a new line";
    }
    return "'" + (char) c + "'";
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
}
