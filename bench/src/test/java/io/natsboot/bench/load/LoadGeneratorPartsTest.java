package io.natsboot.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The parts that need no server: the command line and the latency histogram. */
class LoadGeneratorPartsTest {

    @Test
    void parsesTheCommandLine() {
        LoadConfig c = LoadConfig.parse("--targets", "nats-server,natsboot", "--messages", "1000", "--sizes=16,64",
                "--scenarios", "pub,request-reply,fan-out", "--warmup", "--json", "out.json");
        assertThat(c.targets).containsExactly(LoadConfig.NATS_SERVER, LoadConfig.NATSBOOT);
        assertThat(c.countMode()).isTrue();
        assertThat(c.messages).isEqualTo(1000);
        assertThat(c.sizes).containsExactly(16, 64);
        assertThat(c.scenarios).containsExactly(Scenario.PUB, Scenario.REQREPLY, Scenario.FANOUT);
        assertThat(c.warmup).isEqualTo(Duration.ofSeconds(1));

        LoadConfig d = LoadConfig.parse("--url", "nats://127.0.0.1:4222", "--duration", "2.5", "--warmup", "0");
        assertThat(d.countMode()).isFalse();
        assertThat(d.duration).isEqualTo(Duration.ofMillis(2500));
        assertThat(d.warmup).isZero();
        assertThat(d.scenarios).containsExactly(Scenario.values());
        assertThat(d.scenarios).contains(Scenario.CLUSTER_PUBSUB, Scenario.CLUSTER_QUEUE);
        assertThat(LoadConfig.parse("--scenarios", "cluster,cluster-queue").scenarios)
                .containsExactly(Scenario.CLUSTER_PUBSUB, Scenario.CLUSTER_QUEUE);
        assertThat(d.sizes).containsExactly(16, 128, 1024);
        // The window in messages, capped at 32 MiB in flight (payload + 64 bytes a message) unless told otherwise.
        assertThat(d.window(128)).isEqualTo(65_536);
        assertThat(d.window(1024)).isEqualTo(32 * 1024 * 1024 / (1024 + 64));
        assertThat(LoadConfig.parse("--window-bytes", "0").window(1024)).isEqualTo(65_536);
        assertThat(LoadConfig.parse("--window", "0").window(1024)).isZero();
    }

    @Test
    void rejectsBadCommandLines() {
        assertThatThrownBy(() -> LoadConfig.parse("--bogus", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LoadConfig.parse("--scenarios", "nope")).hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> LoadConfig.parse("--messages", "-5")).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> LoadConfig.parse("--url", "nats://x:1", "--targets", "natsboot"))
                .hasMessageContaining("single server");
        assertThatThrownBy(() -> LoadConfig.parse("--duration")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> LoadConfig.parse("--help")).isInstanceOf(LoadConfig.UsageException.class)
                .hasMessage(null);
    }

    @Test
    void histogramPercentilesAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1_000); // 1 us .. 100 ms
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.percentileNanos(50)).isCloseTo(50_000_000, within(500_000.0));
        assertThat(h.percentileNanos(99)).isCloseTo(99_000_000, within(990_000.0));
        assertThat(h.percentileNanos(100)).isEqualTo(100_000_000);
        assertThat(h.maxNanos()).isEqualTo(100_000_000);
        assertThat(new LatencyHistogram().percentileNanos(50)).isNaN();
        for (long v : List.of(0L, 1L, 127L, 128L, 129L, 1L << 20, (1L << 40) + 12345, Long.MAX_VALUE / 2)) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.midpoint(i)).as("value %d", v).isCloseTo(v, within(Math.max(1, v / 100.0)));
        }
    }
}
