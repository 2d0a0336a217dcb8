package io.natsboot.server.subject;

/**
 * Static helpers that validate and match NATS subjects and queue group names; stateless, so thread-safe.
 *
 * <p>Subjects are expected as ISO-8859-1 decoded wire bytes, one char per byte, so every check is per char. A
 * wildcard counts only as a whole token: {@code foo*} and {@code a>b} are literal tokens.
 */
public final class Subjects {

    /** Token separator. */
    public static final char SEPARATOR = '.';
    /** Matches exactly one token. */
    public static final char SINGLE_WILDCARD = '*';
    /** Matches one or more trailing tokens; only valid as the last token. */
    public static final char FULL_WILDCARD = '>';
    /**
     * Queue group reserved by nats-server for system services: a client queue-subscribing with it gets a
     * permissions violation (not "Invalid Subject"), so it is reported apart from {@link #isValidQueueName}.
     */
    public static final String SYSTEM_QUEUE_GROUP = "_sys_";

    private static final int INVALID = 0;
    private static final int LITERAL = 1;
    private static final int WILDCARD = 2;

    private Subjects() {
    }

    /** A subject a client may subscribe to: non-empty tokens, no whitespace, {@code >} only as the last token. */
    public static boolean isValidSubscribeSubject(CharSequence subject) {
        return classify(subject) != INVALID;
    }

    /** A subject a (pedantic) client may publish to: a valid subject without wildcard tokens. */
    public static boolean isValidPublishSubject(CharSequence subject) {
        return classify(subject) == LITERAL;
    }

    /** True when no token is a wildcard; says nothing about validity. */
    public static boolean isLiteral(CharSequence subject) {
        int n = subject.length();
        for (int i = 0; i < n; i++) {
            char c = subject.charAt(i);
            if ((c == SINGLE_WILDCARD || c == FULL_WILDCARD)
                    && (i == 0 || subject.charAt(i - 1) == SEPARATOR)
                    && (i + 1 == n || subject.charAt(i + 1) == SEPARATOR)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A queue group name nats-server accepts: non-empty and without whitespace (the protocol splits arguments on
     * whitespace). Dots and wildcard characters carry no meaning in a queue name and are allowed.
     */
    public static boolean isValidQueueName(CharSequence queue) {
        int n = queue.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (isWhitespace(queue.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True for {@link #SYSTEM_QUEUE_GROUP}, which clients may not use. */
    public static boolean isReservedQueueName(CharSequence queue) {
        return SYSTEM_QUEUE_GROUP.contentEquals(queue);
    }

    /**
     * Whether a published subject is matched by a subscription subject. Only the pattern's whole-token wildcards
     * are wildcards; a {@code *} token in {@code literal} only matches a {@code *} or {@code >} in the pattern,
     * exactly as the tree does. Both arguments are assumed valid; no allocation.
     */
    public static boolean matches(String literal, String pattern) {
        int ll = literal.length();
        int pl = pattern.length();
        if (ll == 0 || pl == 0) {
            return false;
        }
        int li = 0;
        int pi = 0;
        while (true) {
            int pe = tokenEnd(pattern, pi, pl);
            int le = tokenEnd(literal, li, ll);
            int ptl = pe - pi;
            if (ptl == 1 && pattern.charAt(pi) == FULL_WILDCARD && pe == pl) {
                return true;
            }
            boolean star = ptl == 1 && pattern.charAt(pi) == SINGLE_WILDCARD;
            if (!star && (le - li != ptl || !literal.regionMatches(li, pattern, pi, ptl))) {
                return false;
            }
            if (pe == pl || le == ll) {
                return pe == pl && le == ll;
            }
            li = le + 1;
            pi = pe + 1;
        }
    }

    static boolean isWhitespace(char c) {
        // The set nats-server rejects in subjects.
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** True when splitting on dots yields an empty token; the cheap guard before a match walk. */
    static boolean hasEmptyToken(String subject) {
        int n = subject.length();
        return n == 0 || subject.charAt(0) == SEPARATOR || subject.charAt(n - 1) == SEPARATOR
                || subject.indexOf("..") >= 0;
    }

    static int tokenEnd(String s, int from, int length) {
        int end = s.indexOf(SEPARATOR, from);
        return end < 0 ? length : end;
    }

    private static int classify(CharSequence subject) {
        int n = subject.length();
        if (n == 0) {
            return INVALID;
        }
        int kind = LITERAL;
        boolean afterFullWildcard = false;
        int tokenStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? subject.charAt(i) : SEPARATOR;
            if (c == SEPARATOR) {
                int tokenLength = i - tokenStart;
                if (tokenLength == 0 || afterFullWildcard) {
                    return INVALID;
                }
                if (tokenLength == 1) {
                    char t = subject.charAt(tokenStart);
                    if (t == FULL_WILDCARD) {
                        afterFullWildcard = true;
                        kind = WILDCARD;
                    } else if (t == SINGLE_WILDCARD) {
                        kind = WILDCARD;
                    }
                }
                tokenStart = i + 1;
            } else if (isWhitespace(c)) {
                return INVALID;
            }
        }
        return kind;
    }
}
