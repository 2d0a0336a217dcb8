package io.natsboot.server.hardening;

import io.natsboot.server.test.RawClient;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.natsboot.server.hardening.HostileSoakTest.MAX_CONTROL_LINE;
import static io.natsboot.server.hardening.HostileSoakTest.MAX_SUBS;

/**
 * The kinds of hostile client {@link HostileSoakTest} plays, each with what the node must do with it. {@link #play}
 * returns null when the node answered as expected, else what went wrong. Replies are compared without the node's
 * keepalive PINGs; a client cut while it was still sending may have lost the end of its reply to the reset, so a
 * closed client's reply must be a prefix of the expected one.
 */
enum HostileKind {

    RANDOM_GARBAGE {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            garbage[0] = '!'; // no op starts with it: the node fails on the first byte
            w.send(garbage);
            return closedWith(w, UNKNOWN_OP);
        }
    },
    BINARY_ZEROS {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(new byte[1 + random.nextInt(8192)]);
            return closedWith(w, UNKNOWN_OP);
        }
    },
    VALID_PREFIX_GARBAGE {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            String[] tails = {"PUBX hostile 1\r\n", "SUX hostile 1\r\n", "UNSUB\u0001\r\n", "SUBX hostile 1\r\n"};
            String subject = own(w, "prefix");
            w.send(QUIET + "SUB " + subject + " 1\r\nPUB " + subject + " 2\r\nhi\r\n" + tails[random.nextInt(4)]);
            return closedWith(w, "MSG " + subject + " 1 2\r\nhi\r\n" + UNKNOWN_OP);
        }
    },
    BAD_CONNECT {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send("CONNECT {\"verbose\":" + (random.nextBoolean() ? "\"yes\"" : "[") + "}\r\nPING\r\n");
            return closedWith(w, "");
        }
    },
    CLIENT_ERR {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "-ERR 'not you, me'\r\n");
            return closedWith(w, "");
        }
    },
    HPUB_SIZES_DISAGREE {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB hostile 10 5\r\nhello\r\n");
            return closedWith(w, "");
        }
    },
    HUGE_DECLARED_SIZE {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "PUB hostile " + (HostileSoakTest.MAX_PAYLOAD + 1 + random.nextInt(Integer.MAX_VALUE
                    - HostileSoakTest.MAX_PAYLOAD - 1)) + "\r\n" + "x".repeat(random.nextInt(10_000)));
            return closedWith(w, err("Maximum Payload Violation"));
        }
    },
    PAYLOAD_LONGER_THAN_DECLARED {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "PUB hostile 5\r\n" + "x".repeat(6 + random.nextInt(1000)) + "\r\n");
            return closedWith(w, UNKNOWN_OP);
        }
    },
    CONTROL_LINE_AT_LIMIT {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "PUB " + "a".repeat(MAX_CONTROL_LINE - 2) + " 0\r\n\r\nPING\r\n");
            return openWith(w, "PONG\r\n");
        }
    },
    CONTROL_LINE_OVER_LIMIT {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            // finished or not, a line longer than the limit is refused (an unfinished one once it is longer)
            boolean finished = random.nextBoolean();
            int length = MAX_CONTROL_LINE - 1 + random.nextInt(100_000) + (finished ? 0 : 2);
            w.send("PUB " + "a".repeat(length) + (finished ? " 0\r\n" : ""));
            return closedWith(w, err("maximum control line exceeded"));
        }
    },
    SUBSCRIPTION_FLOOD {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            StringBuilder subs = new StringBuilder(QUIET);
            for (int i = 0; i < MAX_SUBS + 20; i++) {
                subs.append("SUB hostile.subs.").append(i).append(' ').append(i).append("\r\n");
            }
            w.send(subs + "PING\r\n");
            return openWith(w, err("maximum subscriptions exceeded").repeat(20) + "PONG\r\n");
        }
    },
    LONG_SUBJECTS_AND_DEEP_WILDCARDS {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            int depth = 1 + random.nextInt(MAX_CONTROL_LINE / 2 - 20);
            String subject = own(w, "t.".repeat(depth) + "end");
            String wildcard = own(w, "*.".repeat(random.nextInt(depth + 1)) + ">");
            w.send(QUIET + "SUB " + subject + " 1\r\nSUB " + wildcard + " 2\r\nPUB " + subject + " 1\r\nx\r\n"
                    + "PING\r\n");
            String one = "MSG " + subject + " 1 1\r\nx\r\n";
            String two = "MSG " + subject + " 2 1\r\nx\r\n";
            if (!w.readUntil(t -> withoutPings(t).endsWith("PONG\r\n"), WAIT)) {
                return "no PONG: " + shorten(w.transcript());
            }
            String got = withoutPings(w.text());
            return got.equals(one + two + "PONG\r\n") || got.equals(two + one + "PONG\r\n") ? null
                    : "reply " + shorten(got);
        }
    },
    HALF_OP_THEN_SILENCE {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "PUB hostile.partial 10\r\n" + "hel".substring(0, random.nextInt(4)));
            return closedWith(w, err("Stale Connection"));
        }
    },
    HALF_LINE_THEN_SILENCE {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "SUB hostile.half" + (random.nextBoolean() ? "" : " 1\r"));
            return closedWith(w, err("Stale Connection"));
        }
    },
    HALF_CLOSED_SOCKET {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "SUB hostile.halfclosed 1\r\nPING\r\n");
            w.shutdownOutput();
            return closedWith(w, "PONG\r\n");
        }
    },
    CONNECT_DISCONNECT_CHURN {
        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            if (random.nextBoolean()) {
                w.send(QUIET + "SUB hostile.churn 1\r\n");
            }
            return null;
        }
    },
    PING_FLOOD_NEVER_READING {
        @Override
        int receiveBuffer() {
            return 4096;
        }

        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET);
            byte[] pings = RawClient.bytes("PING\r\n".repeat(10_000));
            return floodUntilCut(w, pings, stop);
        }
    },
    PUB_FLOOD_TO_ITSELF_NEVER_READING {
        @Override
        int receiveBuffer() {
            return 4096;
        }

        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            String subject = own(w, "self");
            w.send(QUIET + "SUB " + subject + " 1\r\n");
            byte[] pubs = RawClient.bytes(("PUB " + subject + " 1000\r\n" + "x".repeat(1000) + "\r\n").repeat(64));
            return floodUntilCut(w, pubs, stop);
        }
    },
    SUBSCRIBER_TO_THE_GOOD_STREAM_NEVER_READING {
        @Override
        int receiveBuffer() {
            return 4096;
        }

        @Override
        String play(RawClient w, Random random, AtomicBoolean stop) {
            w.send(QUIET + "SUB good.stream 1\r\n");
            // a PING now and then only to notice the cut (a write fails once the node has reset the socket)
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!stop.get() && System.nanoTime() < deadline && !w.send("PING\r\n").isClosed()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return stop.get() || w.isClosed() ? null : "never cut";
        }
    };

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String QUIET = "CONNECT {\"verbose\":false}\r\n";
    static final String UNKNOWN_OP = err("Unknown Protocol Operation");

    /** Plays this kind once on a fresh connection; null when the node did what it should. */
    abstract String play(RawClient w, Random random, AtomicBoolean stop);

    /** The socket's receive buffer: tiny for the kinds that never read, so the node's writes stall at once. */
    int receiveBuffer() {
        return 0;
    }

    /** A subject only this connection uses, so that concurrent clients of one kind do not hear each other. */
    static String own(RawClient w, String subject) {
        return "hostile." + w.localPort() + "." + subject;
    }

    static String err(String text) {
        return "-ERR '" + text + "'\r\n";
    }

    private static String closedWith(RawClient w, String reply) {
        if (!w.awaitClose(WAIT)) {
            return "not closed: " + shorten(w.transcript());
        }
        String got = withoutPings(w.text());
        return reply.startsWith(got) ? null : "reply " + shorten(got);
    }

    private static String openWith(RawClient w, String reply) {
        boolean got = w.readUntil(t -> withoutPings(t).equals(reply), WAIT);
        return got && !w.isClosed() ? null : "expected " + shorten(reply) + ", got " + shorten(w.transcript());
    }

    // Floods without reading: the node must cut the socket (a write then fails), and send no -ERR first.
    private static String floodUntilCut(RawClient w, byte[] batch, AtomicBoolean stop) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!stop.get() && System.nanoTime() < deadline && !w.send(batch).isClosed()) {
            // pushing
        }
        if (stop.get()) {
            return null;
        }
        if (!w.isClosed()) {
            return "never cut";
        }
        w.awaitClose(Duration.ofSeconds(5));
        return w.text().contains("-ERR") ? "got " + shorten(w.text()) : null;
    }

    private static String withoutPings(String text) {
        return text.replace("PING\r\n", "");
    }

    private static String shorten(String text) {
        String t = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
        return t.replace("\r\n", "\\r\\n");
    }
}
