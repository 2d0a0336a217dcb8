package io.natsboot.server.subject;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * A set of subscriptions compared by identity, stored densely so a match can copy it with one arraycopy; not
 * thread-safe (the tree's lock guards it).
 *
 * <p>Small sets (the usual case) are scanned linearly; an identity index is added only once a set grows, so that
 * a subject with thousands of subscribers still adds and removes in constant time.
 */
final class IdentitySet {

    private static final int INDEX_THRESHOLD = 8;

    private Object[] items = new Object[2];
    private int size;
    private IdentityHashMap<Object, Integer> index;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Object get(int i) {
        return items[i];
    }

    /** Returns false when already present. */
    boolean add(Object item) {
        if (indexOf(item) >= 0) {
            return false;
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size] = item;
        if (index != null) {
            index.put(item, size);
        } else if (size + 1 > INDEX_THRESHOLD) {
            index = new IdentityHashMap<>(size * 2);
            for (int i = 0; i <= size; i++) {
                index.put(items[i], i);
            }
        }
        size++;
        return true;
    }

    /** Returns false when absent. Order is not kept: the last item fills the gap. */
    boolean remove(Object item) {
        int i = indexOf(item);
        if (i < 0) {
            return false;
        }
        int last = --size;
        if (index != null) {
            index.remove(item);
        }
        if (i != last) {
            items[i] = items[last];
            if (index != null) {
                index.put(items[i], i);
            }
        }
        items[last] = null;
        if (size == 0) {
            index = null;
        }
        return true;
    }

    void copyTo(Object[] dest, int offset) {
        System.arraycopy(items, 0, dest, offset, size);
    }

    Object[] toArray() {
        return Arrays.copyOf(items, size);
    }

    private int indexOf(Object item) {
        if (index != null) {
            Integer i = index.get(item);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        return -1;
    }
}
