package io.natsboot.server.subject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions matching one published subject: plain subscribers, and queue groups with their matching
 * members (deliver to one per group); immutable, so it is cached and shared across threads.
 *
 * <p>The indexed accessors are the allocation-free hot path; the list and map views are for everything else.
 * Each subscription appears at most once among the plain subscribers and at most once per queue group, even when
 * it was inserted under several matching subjects.
 */
public final class SubjectMatch<S> {

    private static final SubjectMatch<?> EMPTY = new SubjectMatch<>(new Object[0], new String[0], new Object[0][]);

    private final Object[] plain;
    private final String[] queueNames;
    private final Object[][] queueMembers;

    SubjectMatch(Object[] plain, String[] queueNames, Object[][] queueMembers) {
        this.plain = plain;
        this.queueNames = queueNames;
        this.queueMembers = queueMembers;
    }

    @SuppressWarnings("unchecked")
    public static <S> SubjectMatch<S> empty() {
        return (SubjectMatch<S>) EMPTY;
    }

    public boolean isEmpty() {
        return plain.length == 0 && queueNames.length == 0;
    }

    /** Every matching subscription: plain ones plus every member of every queue group. */
    public int size() {
        int n = plain.length;
        for (Object[] members : queueMembers) {
            n += members.length;
        }
        return n;
    }

    /** Deliveries one message causes: one per plain subscriber and one per queue group. */
    public int fanout() {
        return plain.length + queueNames.length;
    }

    public int plainCount() {
        return plain.length;
    }

    @SuppressWarnings("unchecked")
    public S plain(int i) {
        return (S) plain[i];
    }

    public int queueGroupCount() {
        return queueNames.length;
    }

    public String queueName(int group) {
        return queueNames[group];
    }

    /** Matching members of one group; never zero. */
    public int queueMemberCount(int group) {
        return queueMembers[group].length;
    }

    @SuppressWarnings("unchecked")
    public S queueMember(int group, int i) {
        return (S) queueMembers[group][i];
    }

    @SuppressWarnings("unchecked")
    public List<S> plainSubscriptions() {
        return (List<S>) List.of(plain);
    }

    /** Members by queue group name, in group order. */
    @SuppressWarnings("unchecked")
    public Map<String, List<S>> queueGroups() {
        Map<String, List<S>> groups = new LinkedHashMap<>();
        for (int g = 0; g < queueNames.length; g++) {
            groups.put(queueNames[g], (List<S>) List.of(queueMembers[g]));
        }
        return groups;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SubjectMatch{plain=").append(Arrays.toString(plain));
        for (int g = 0; g < queueNames.length; g++) {
            sb.append(", ").append(queueNames[g]).append('=').append(Arrays.toString(queueMembers[g]));
        }
        return sb.append('}').toString();
    }
}
