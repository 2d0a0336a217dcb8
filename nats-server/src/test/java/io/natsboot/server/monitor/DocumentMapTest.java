package io.natsboot.server.monitor;

import io.natsboot.server.json.JsonReader;
import io.natsboot.server.subject.SubjectTreeStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each document's map form holds what its JSON form holds, names, order and omissions alike: both are written by
 * one code path, so the JSON parsed back must equal the map (numbers compared as JSON numbers).
 */
class DocumentMapTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final SubDetail SUB = new SubDetail(null, "orders.>", "workers", "1", 3, 0, 7);

    private static final ConnInfo CONN = new ConnInfo(7, "127.0.0.1", 4000, T0, T0.plusSeconds(1), null, null, "0s",
            "1s", "0s", 0, 1, 2, 3, 4, 1, "app", "java", "2.26.2", null, null, List.of(SUB));

    @Test
    void varzMapMatchesItsJson() {
        Varz varz = new Varz("ID", "n1", "2.9.10", 1, "0.0.0.0", 4222, false, false, 65536, 0,
                Duration.ofMinutes(2), 2, "0.0.0.0", 8222, Duration.ofMillis(1500), 4096, 1048576, 67108864,
                new Varz.Cluster("c", "0.0.0.0", 6222, Duration.ofSeconds(2), List.of("h:6222"), Duration.ZERO,
                        false),
                Duration.ofSeconds(2), Duration.ofSeconds(10), T0, T0.plusSeconds(5), 1024, 2, 0.5, 1, 1, 0, 0, 0,
                1, 2, 3, 4, 0, 1, new TreeMap<>(Map.of("/varz", 1L)), T0);
        assertSame(varz.toJson(), varz.toMap());
        assertThat(varz.toMap().keySet()).startsWith("server_id", "server_name", "version");
        assertThat(varz.toMap().get("cluster")).isEqualTo(Map.of("name", "c", "addr", "0.0.0.0", "cluster_port", 6222L,
                "auth_timeout", 2.0, "urls", List.of("h:6222")));
    }

    @Test
    void connzRoutezAndSubszMapsMatchTheirJson() {
        Connz connz = new Connz("ID", T0, 1, 1, 0, 1024, List.of(CONN),
                new Connz.Options(ConnzSort.CID, true, true, 0, 1024, 0, Connz.State.OPEN));
        assertSame(connz.toJson(), connz.toMap());
        RouteInfo route = RouteInfo.of(3, "PEER", true, true, "10.0.0.2", 6222, T0, T0, 0, 0, 5, 6, 7, 8, 1,
                List.of(SUB), T0.plusSeconds(3));
        Routez routez = new Routez("ID", T0, List.of(route), true, false);
        assertSame(routez.toJson(), routez.toMap());
        SubjectTreeStats stats = new SubjectTreeStats(1, 0, 1, 0, 2, 0.5, 1, 1.0);
        Subsz full = new Subsz("ID", T0, stats, 1, 0, 1024, List.of(SUB));
        assertSame(full.toJson(), full.toMap());
        Subsz bare = new Subsz("ID", T0, stats, 0, 0, 1024, List.of());
        assertSame(bare.statsJson(), bare.toMap());
    }

    private static void assertSame(String json, Map<String, Object> map) {
        assertThat(normalize(map)).isEqualTo(normalize(JsonReader.parseObject(json)));
    }

    // JSON has one number type: 2.0 in a map is written 2 and read back as a long
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, normalize(v)));
            return List.copyOf(out.entrySet());
        }
        if (value instanceof List<?> l) {
            return l.stream().map(DocumentMapTest::normalize).toList();
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        return value;
    }
}
