package io.natsboot.server.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FirstOpGateTest {

    @ParameterizedTest
    @CsvSource({"CONNECT {},true", "connect {},true", "C,true", "PING,false", "HPUB,false", "-ERR,false",
        "' ',false", "x,false"})
    void onlyAConnectGoesThroughThenTheGateIsGone(String first, boolean passes) {
        AtomicInteger refused = new AtomicInteger();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new FirstOpGate(refused::incrementAndGet));
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertThat(ch.pipeline().get(FirstOpGate.class)).as("an empty read decides nothing").isNotNull();
        assertThat(ch.<ByteBuf>readInbound().isReadable()).isFalse();
        ByteBuf in = Unpooled.copiedBuffer(first, StandardCharsets.ISO_8859_1);
        ch.writeInbound(in);
        assertThat(refused.get()).isEqualTo(passes ? 0 : 1);
        assertThat(ch.pipeline().get(FirstOpGate.class)).isNull();
        ByteBuf passed = ch.readInbound();
        if (passes) {
            assertThat(passed.toString(StandardCharsets.ISO_8859_1)).isEqualTo(first);
            passed.release();
        } else {
            assertThat(in.refCnt()).as("refused bytes are released").isZero();
        }
        // later reads are not looked at
        ch.writeInbound(Unpooled.copiedBuffer("PING", StandardCharsets.ISO_8859_1));
        ByteBuf later = ch.readInbound();
        later.release();
        assertThat(refused.get()).isEqualTo(passes ? 0 : 1);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
