package io.natsboot.server.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ArgumentsTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "foo 5|foo,5",
            "foo.bar.baz.qux _INBOX.abcdefgh 128|foo.bar.baz.qux,_INBOX.abcdefgh,128",
            "\"  \tfoo\t\tbar  \"|foo,bar",
            "abcdefgh|abcdefgh",
            "abcdefg h|abcdefg,h",
            "abcdefgh i|abcdefgh,i",
            "abcdefghijklmnop\tq|abcdefghijklmnop,q",
            "a!b#c$d%e&f(g)h*i+j-k/l:m;n<o=p>q?r@s|a!b#c$d%e&f(g)h*i+j-k/l:m;n<o=p>q?r@s",
            "\"\"|\"\"",
            "\"   \"|\"\"",
    })
    void splitsAtSpacesAndTabs(String line, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(split(line.getBytes(StandardCharsets.ISO_8859_1), 16)).isEqualTo(want);
    }

    @Test
    void bytesAboveSevenBitsAndControlBytesAreNotSeparators() {
        byte[] line = {(byte) 0xa0, (byte) 0x89, 0x08, 0x0a, 0x1f, (byte) 0xff, 0x21, (byte) 0xe9, ' ', 'x'};
        List<String> args = split(line, 4);
        assertThat(args).hasSize(2);
        assertThat(args.get(0)).hasSize(8);
        assertThat(args.get(1)).isEqualTo("x");
    }

    @Test
    void tooManyArgumentsAreReportedAsLimitPlusOne() {
        byte[] line = "a b c d".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new Arguments().split(line, line.length, 3)).isEqualTo(4);
        assertThat(new Arguments().split(line, line.length, 4)).isEqualTo(4);
    }

    @Test
    void onlyTheGivenLengthIsSplitWhateverFollowsInTheBuffer() {
        byte[] line = "abcdefghij klmnop".getBytes(StandardCharsets.ISO_8859_1);
        Arguments args = new Arguments();
        assertThat(args.split(line, 9, 4)).isEqualTo(1);
        assertThat(args.end(0)).isEqualTo(9);
    }

    /** The word-at-a-time scan against a byte-by-byte one, over random lines of every alignment. */
    @Test
    void findsTheSameSeparatorAsAByteByByteScan() {
        Random random = new Random(42);
        byte[] alphabet = {' ', '\t', 'a', '.', '9', 0, (byte) 0x80, (byte) 0xa0, (byte) 0x89, (byte) 0xff, 0x1f, 0x21};
        for (int round = 0; round < 20_000; round++) {
            byte[] line = new byte[random.nextInt(40)];
            for (int i = 0; i < line.length; i++) {
                line[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) random.nextInt(256);
            }
            int from = line.length == 0 ? 0 : random.nextInt(line.length);
            int to = from + random.nextInt(line.length - from + 1);
            int expected = from;
            while (expected < to && line[expected] != ' ' && line[expected] != '\t') {
                expected++;
            }
            assertThat(Arguments.nextSeparator(line, from, to)).as("round %d", round).isEqualTo(expected);
        }
    }

    private static List<String> split(byte[] line, int limit) {
        Arguments args = new Arguments();
        int n = args.split(line, line.length, limit);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(args.string(line, i));
        }
        return out;
    }
}
