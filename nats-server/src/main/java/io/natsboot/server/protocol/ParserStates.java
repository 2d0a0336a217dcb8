package io.natsboot.server.protocol;

import java.util.Map;

/**
 * nats-server's parser state numbers, which its {@code parser ERROR, state=N} log line shows: the state is how much of
 * a keyword had been read when a byte did not fit (its parser reads one byte at a time). Keyed by that much of the
 * keyword, upper case; the numbers are nats-server 2.9's.
 */
final class ParserStates {

    /** After a payload, where its CR is due; the LF is one further. */
    static final int PAYLOAD_END_CR = 41;
    static final int PAYLOAD_END_LF = 42;

    private static final Map<String, Integer> BY_PREFIX = Map.ofEntries(
            Map.entry("", 0), Map.entry("+", 1), Map.entry("+O", 2), Map.entry("+OK", 3),
            Map.entry("-", 4), Map.entry("-E", 5), Map.entry("-ER", 6), Map.entry("-ERR", 7),
            Map.entry("C", 10), Map.entry("CO", 11), Map.entry("CON", 12), Map.entry("CONN", 13),
            Map.entry("CONNE", 14), Map.entry("CONNEC", 15), Map.entry("CONNECT", 16),
            Map.entry("H", 18), Map.entry("HP", 19), Map.entry("HPU", 20), Map.entry("HPUB", 21),
            Map.entry("HM", 24), Map.entry("HMS", 25), Map.entry("HMSG", 26),
            Map.entry("P", 29), Map.entry("PU", 30), Map.entry("PUB", 31),
            Map.entry("PI", 34), Map.entry("PIN", 35), Map.entry("PING", 36),
            Map.entry("PO", 37), Map.entry("PON", 38), Map.entry("PONG", 39),
            Map.entry("S", 43), Map.entry("SU", 44), Map.entry("SUB", 45),
            Map.entry("A", 48), Map.entry("L", 55), Map.entry("LS", 56), Map.entry("R", 57), Map.entry("RS", 58),
            Map.entry("U", 59), Map.entry("UN", 60), Map.entry("UNS", 61), Map.entry("UNSU", 62),
            Map.entry("UNSUB", 63), Map.entry("M", 66), Map.entry("MS", 67), Map.entry("MSG", 68),
            Map.entry("I", 71), Map.entry("IN", 72), Map.entry("INF", 73), Map.entry("INFO", 74));

    private ParserStates() {
    }

    /** The state after {@code prefix} of a keyword; 0 (the start) for one nats-server's parser does not have. */
    static int afterPrefix(String prefix) {
        return BY_PREFIX.getOrDefault(prefix, 0);
    }
}
