package io.natsboot.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    final byte[][] keywords;
    final Form[] forms;

    private OpTable(List<String> keywords, List<Form> forms) {
        this.keywords = keywords.stream().map(k -> k.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        this.forms = forms.toArray(Form[]::new);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many ops the table holds. */
    public int size() {
        return keywords.length;
    }

    /** Adds ops in index order: the first added is op 0. */
    public static final class Builder {

        private final List<String> keywords = new ArrayList<>();
        private final List<Form> forms = new ArrayList<>();

        private Builder() {
        }

        /** @param keyword in upper case; matched in any case */
        public Builder op(String keyword, Form form) {
            keywords.add(keyword);
            forms.add(form);
            return this;
        }

        public OpTable build() {
            return new OpTable(keywords, forms);
        }
    }
}
