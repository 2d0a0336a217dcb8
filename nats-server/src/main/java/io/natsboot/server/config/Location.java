package io.natsboot.server.config;

/**
 * Where something was written in a config file: the file as it was named (or a label such as {@code "$VAR"} for an
 * environment value), its 1-based line and 1-based column.
 */
public record Location(String source, int line, int column) {

    /** {@code source:line:column}, the prefix of every config error. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
