package io.natsboot.server.subject;

import java.util.function.BiConsumer;

/**
 * An open-addressing map from subject token to value that can be probed with a range of a larger string; not
 * thread-safe (the tree's lock guards it).
 *
 * <p>Probing by range lets a match walk the trie without allocating a substring per token, which matters on the
 * cache-miss path (every unique reply subject misses).
 */
final class TokenMap<V> {

    private static final int MIN_CAPACITY = 4;

    private String[] keys = new String[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private int size;

    /** The hash {@link #get} expects for {@code s[start, end)}. */
    static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    V get(String key) {
        return get(key, 0, key.length(), hash(key, 0, key.length()));
    }

    @SuppressWarnings("unchecked")
    V get(String s, int start, int end, int hash) {
        int slot = find(s, start, end, hash);
        return slot < 0 ? null : (V) values[slot];
    }

    /** Adds or replaces; returns the previous value. */
    @SuppressWarnings("unchecked")
    V put(String key, V value) {
        int hash = hash(key, 0, key.length());
        int slot = find(key, 0, key.length(), hash);
        if (slot >= 0) {
            V old = (V) values[slot];
            values[slot] = value;
            return old;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        insertFresh(key, value, hash);
        size++;
        return null;
    }

    /** Removes {@code s[start, end)}; returns the removed value. */
    @SuppressWarnings("unchecked")
    V remove(String s, int start, int end, int hash) {
        int hole = find(s, start, end, hash);
        if (hole < 0) {
            return null;
        }
        V old = (V) values[hole];
        int mask = keys.length - 1;
        // Backward-shift deletion: later entries of the probe run move into the hole unless their home slot lies
        // cyclically in (hole, j], so no tombstones are needed.
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == null) {
                break;
            }
            int home = hashes[j] & mask;
            boolean homeInRange = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!homeInRange) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        keys[hole] = null;
        values[hole] = null;
        size--;
        if (keys.length > MIN_CAPACITY && size * 8 < keys.length) {
            // Give memory back when a busy level (e.g. the root after a mass unsubscribe) empties.
            resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size * 2)) * 2));
        }
        return old;
    }

    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    private int find(String s, int start, int end, int hash) {
        int len = end - start;
        int mask = keys.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (hashes[i] == hash && k.length() == len && k.regionMatches(0, s, start, len)) {
                return i;
            }
        }
    }

    private void insertFresh(String key, Object value, int hash) {
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        hashes[i] = hash;
    }

    private void resize(int capacity) {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new String[capacity];
        values = new Object[capacity];
        hashes = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insertFresh(oldKeys[i], oldValues[i], oldHashes[i]);
            }
        }
    }
}
