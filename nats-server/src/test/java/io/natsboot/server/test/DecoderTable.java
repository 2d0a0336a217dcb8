package io.natsboot.server.test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a decoder test table: exact bytes in, exact ops out. A row (ISO-8859-1 text, so every char is one byte) is
 * fed whole, one byte at a time, and split in two at every offset, and must decode the same way each time: nothing
 * may reach the pipeline past the decoder, and nothing may be left over when the channel finishes.
 */
public final class DecoderTable {

    /** A fresh decoder and the list its handler writes each op to, as one line of text. */
    public record Decoding(ChannelHandler decoder, List<String> ops) {
    }

    private final Supplier<Decoding> fresh;
    private final int longRow;
    private final int keptHead;
    private final int keptTail;

    /**
     * Rows longer than {@code longRow} bytes are split around their interesting ends only (the first
     * {@code keptHead} and last {@code keptTail} offsets), to keep the run short.
     */
    public DecoderTable(Supplier<Decoding> fresh, int longRow, int keptHead, int keptTail) {
        this.fresh = fresh;
        this.longRow = longRow;
        this.keptHead = keptHead;
        this.keptTail = keptTail;
    }

    /** The ops of {@code input} fed in one piece. */
    public List<String> whole(String input) {
        return decode(input, input.length());
    }

    /** The ops of {@code input} fed one byte at a time. */
    public List<String> byteByByte(String input) {
        return decode(input, 1);
    }

    /** Asserts that {@code input}, split in two at each offset, decodes to {@code expected}. */
    public void assertEverySplit(String input, List<String> expected) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < bytes.length; split++) {
            if (bytes.length > longRow && split > keptHead && split < bytes.length - keptTail) {
                continue;
            }
            List<String> ops = decode(bytes, split);
            assertThat(ops).as("split at %d", split).isEqualTo(expected);
        }
    }

    public List<String> decode(String input, int chunk) {
        return decode(input.getBytes(StandardCharsets.ISO_8859_1), chunk);
    }

    /** Feeds {@code bytes} in pieces of {@code chunk} bytes (the last may be shorter); the ops decoded. */
    public List<String> decode(byte[] bytes, int chunk) {
        Decoding decoding = fresh.get();
        EmbeddedChannel ch = new EmbeddedChannel(decoding.decoder());
        for (int i = 0; i < bytes.length; i += chunk) {
            int n = Math.min(chunk, bytes.length - i);
            assertThat(ch.writeInbound(Unpooled.copiedBuffer(bytes, i, n))).isFalse();
        }
        assertThat(ch.finish()).isFalse();
        return decoding.ops();
    }
}
