package io.natsboot.server.subject;

import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded map from published subject to its match result; thread-safe, but only sound when SubjectTree puts
 * under its read lock and invalidates under its write lock.
 *
 * <p>When a put takes it past {@code max} entries, one thread drops entries in the map's own iteration order
 * (hash order, so roughly random) until {@code target} remain: no recency bookkeeping on the hit path.
 */
final class MatchCache<S> {

    private final ConcurrentHashMap<String, SubjectMatch<S>> map;
    private final int max;
    private final int target;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    MatchCache(int max, int target) {
        this.max = max;
        this.target = target;
        this.map = new ConcurrentHashMap<>(max * 2);
    }

    SubjectMatch<S> get(String subject) {
        return map.get(subject);
    }

    void put(String subject, SubjectMatch<S> match) {
        map.put(subject, match);
    }

    /** Brings the size back to the target when over the maximum. Always safe: removal only costs future hits. */
    void trim() {
        if (map.size() <= max || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int excess = map.size() - target;
            Iterator<String> keys = map.keySet().iterator();
            while (excess-- > 0 && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }

    /** Drops every entry a subscription on {@code subject} could change. */
    void invalidate(String subject, boolean literal) {
        if (literal) {
            map.remove(subject);
            return;
        }
        map.keySet().removeIf(key -> Subjects.matches(key, subject));
    }

    int size() {
        return map.size();
    }

    Collection<SubjectMatch<S>> values() {
        return map.values();
    }
}
