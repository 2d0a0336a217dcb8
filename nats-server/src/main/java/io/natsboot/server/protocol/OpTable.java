package io.natsboot.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keywords one protocol knows, in the order an {@link OpDecoder} tries them (most frequent first), each with the
 * {@link Form} of what follows it. An op is known to the decoder by its index in this table. Immutable.
 */
public final class OpTable {

    /** What follows an op's keyword. */
    public enum Form {
        /** PING, PONG, +OK: anything up to the LF is ignored, then the op takes effect. */
        WORD,
        /** A space or tab must follow the keyword, then the arguments (PUB, SUB, RMSG, -ERR, ...). */
        SEPARATED,
        /** The arguments may follow the keyword directly (CONNECT{}, INFO{}). */
        JOINED
    }

    /** One op of a protocol, as its decoder's op enum declares it. */
    public interface Op {

        /** In upper case; matched in any case. */
        String keyword();

        Form form();
    }

    final byte[][] keywords;
    final Form[] forms;

    private OpTable(Op[] ops) {
        this.keywords = Arrays.stream(ops).map(op -> op.keyword().getBytes(StandardCharsets.US_ASCII))
                .toArray(byte[][]::new);
        this.forms = Arrays.stream(ops).map(Op::form).toArray(Form[]::new);
    }

    /** The table of {@code ops} in this order: {@code ops[i]} is op {@code i} (for an enum, its ordinal). */
    public static OpTable of(Op... ops) {
        return new OpTable(ops);
    }

    /** How many ops the table holds. */
    public int size() {
        return keywords.length;
    }
}
