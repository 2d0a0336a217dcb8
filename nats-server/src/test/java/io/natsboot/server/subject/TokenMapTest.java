package io.natsboot.server.subject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenMapTest {

    @Test
    void looksUpByRangeOfALargerString() {
        TokenMap<String> map = new TokenMap<>();
        map.put("bar", "B");
        String subject = "foo.bar.baz";
        assertThat(map.get(subject, 4, 7, TokenMap.hash(subject, 4, 7))).isEqualTo("B");
        assertThat(map.get(subject, 0, 3, TokenMap.hash(subject, 0, 3))).isNull();
        assertThat(map.get(subject, 4, 6, TokenMap.hash(subject, 4, 6))).isNull();
    }

    @Test
    void randomOperationsAgreeWithHashMap() {
        Random random = new Random(7);
        TokenMap<Integer> map = new TokenMap<>();
        Map<String, Integer> reference = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Few distinct short keys force collisions, long probe runs and removals in the middle of them.
            keys.add(Integer.toString(i % 700, 36));
        }
        for (int op = 0; op < 50_000; op++) {
            String key = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(5) < 3) {
                assertThat(map.put(key, op)).isEqualTo(reference.put(key, op));
            } else {
                String padded = "x." + key + ".y";
                int end = padded.length() - 2;
                assertThat(map.remove(padded, 2, end, TokenMap.hash(padded, 2, end)))
                        .isEqualTo(reference.remove(key));
            }
            assertThat(map.size()).isEqualTo(reference.size());
            String probe = keys.get(random.nextInt(keys.size()));
            assertThat(map.get(probe)).isEqualTo(reference.get(probe));
        }
        Map<String, Integer> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(reference);
        reference.keySet().forEach(k -> map.remove(k, 0, k.length(), TokenMap.hash(k, 0, k.length())));
        assertThat(map.size()).isZero();
    }
}
