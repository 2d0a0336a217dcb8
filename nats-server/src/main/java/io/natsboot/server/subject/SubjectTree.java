package io.natsboot.server.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

/**
 * The subscription index of one account: finds the plain and queue subscriptions matching a published subject,
 * with a bounded result cache; thread-safe, matching concurrently with inserts and removes.
 *
 * <p>Locking: inserts and removes take the write lock, change the trie and, before releasing it, drop the cached
 * results they could change (the subject's own entry for a literal subject, every cached subject it matches for a
 * wildcard). A cache hit takes no lock. A miss walks the trie under the read lock and stores its result before
 * releasing it, so a result computed before a change can never be cached after that change's invalidation.
 *
 * <p>Subscriptions are told apart by identity, never {@code equals}. The same object may be inserted under several
 * subjects and queue groups; a match lists it once as a plain subscriber and once per queue group.
 *
 * @param <S> the subscription type
 */
public final class SubjectTree<S> {

    /** Cached results kept at most (nats-server's figure). */
    public static final int CACHE_MAX = 1024;
    /** Cached results left after the cache overflows. */
    public static final int CACHE_SWEEP_TARGET = 512;

    /** Receives each subscription during {@link #forEach}. */
    @FunctionalInterface
    public interface Visitor<S> {
        /** {@code queue} is null for a plain subscription. */
        void visit(String subject, String queue, S sub);
    }

    private record Entry(String subject, String queue, Object sub) {
    }

    private final StampedLock lock = new StampedLock();
    private final Trie trie = new Trie();
    private final MatchCache<S> cache = new MatchCache<>(CACHE_MAX, CACHE_SWEEP_TARGET);
    private final LongAdder matches = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();

    /** Test seam: lets a test pause a match between computing its result and caching it. */
    volatile Runnable beforeCachePut;

    /** Bumped by every change, so callers can keep their own caches of match results (see {@link #generation()}). */
    private volatile long generation;

    // Guarded by lock.
    private int count;
    private long inserts;
    private long removes;

    /**
     * Adds {@code sub} under {@code subject}, in queue group {@code queue} when not null. Returns false, changing
     * nothing, when the subject is not a valid subscribe subject or the queue name is invalid; inserting an entry
     * that is already present changes nothing and returns true.
     */
    public boolean insert(String subject, String queue, S sub) {
        Objects.requireNonNull(sub, "sub");
        if (!isValid(subject, queue)) {
            return false;
        }
        boolean literal = Subjects.isLiteral(subject);
        long stamp = lock.writeLock();
        try {
            if (trie.insert(subject, queue, sub)) {
                count++;
                inserts++;
                generation++;
                cache.invalidate(subject, literal);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        return true;
    }

    /** Removes the entry {@link #insert} added; returns false when there was none. */
    public boolean remove(String subject, String queue, S sub) {
        Objects.requireNonNull(sub, "sub");
        if (!isValid(subject, queue)) {
            return false;
        }
        boolean literal = Subjects.isLiteral(subject);
        long stamp = lock.writeLock();
        try {
            if (!trie.remove(subject, queue, sub)) {
                return false;
            }
            count--;
            removes++;
            generation++;
            cache.invalidate(subject, literal);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * The subscriptions matching a published subject. A subject with an empty token matches nothing. The result
     * is shared (cached), never modify or rely on identity.
     */
    public SubjectMatch<S> match(String subject) {
        matches.increment();
        SubjectMatch<S> cached = cache.get(subject);
        if (cached != null) {
            cacheHits.increment();
            return cached;
        }
        if (Subjects.hasEmptyToken(subject)) {
            return SubjectMatch.empty();
        }
        List<Node> nodes = new ArrayList<>(4);
        SubjectMatch<S> result;
        long stamp = lock.readLock();
        try {
            trie.collect(subject, nodes);
            result = MatchBuilder.build(nodes);
            Runnable seam = beforeCachePut;
            if (seam != null) {
                seam.run();
            }
            cache.put(subject, result);
        } finally {
            lock.unlockRead(stamp);
        }
        cache.trim();
        return result;
    }

    /**
     * A number that changes whenever the tree does. A match result obtained after reading generation {@code g}
     * stays valid for as long as {@code generation()} still returns {@code g}.
     */
    public long generation() {
        return generation;
    }

    /** Number of subscriptions (entries) in the tree. */
    public int count() {
        long stamp = lock.readLock();
        try {
            return count;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public SubjectTreeStats stats() {
        int subs;
        long ins;
        long rem;
        long stamp = lock.readLock();
        try {
            subs = count;
            ins = inserts;
            rem = removes;
        } finally {
            lock.unlockRead(stamp);
        }
        long matched = matches.sum();
        long hits = cacheHits.sum();
        int cached = 0;
        int maxFanout = 0;
        long totalFanout = 0;
        for (SubjectMatch<S> result : cache.values()) {
            int fanout = result.fanout();
            cached++;
            totalFanout += fanout;
            maxFanout = Math.max(maxFanout, fanout);
        }
        return new SubjectTreeStats(subs, cached, ins, rem, matched,
                matched == 0 ? 0 : (double) hits / matched,
                maxFanout, cached == 0 ? 0 : (double) totalFanout / cached);
    }

    /**
     * Visits every (subject, queue, subscription) entry. The entries are copied under the read lock and visited
     * after it is released, so the visitor may modify this tree (changes are not reflected in the visit).
     */
    @SuppressWarnings("unchecked")
    public void forEach(Visitor<? super S> visitor) {
        List<Entry> entries = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            trie.forEach((subject, queue, sub) -> entries.add(new Entry(subject, queue, sub)));
        } finally {
            lock.unlockRead(stamp);
        }
        for (Entry e : entries) {
            visitor.visit(e.subject(), e.queue(), (S) e.sub());
        }
    }

    /** Trie node count, for tests of pruning. */
    int nodeCount() {
        long stamp = lock.readLock();
        try {
            return trie.nodeCount();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static boolean isValid(String subject, String queue) {
        return Subjects.isValidSubscribeSubject(subject) && (queue == null || Subjects.isValidQueueName(queue));
    }
}
