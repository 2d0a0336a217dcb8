package io.natsboot.server.conformance;

import io.natsboot.server.test.RawClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One scripted exchange between raw clients and a server, with the replies each client must see. Runs against any
 * server port, so that the same script can be played to natsboot and to nats-server.
 *
 * <p>A script is a list of steps; each sends bytes on one client (numbered from 0, connected on first use) and then
 * waits: for the PONGs answering the PINGs it sent, for a number of server PINGs, for a quiet period, or not at all.
 * After the last step, a client expected to be closed is read until the server closes it; any other client (unless its
 * last step watched a quiet period) must still answer one more PING with a bare PONG, a probe left out of the
 * transcript.
 *
 * <p>A transcript is every byte a client received after INFO, followed by {@link RawClient#CLOSED} when the server
 * closed it.
 */
final class Conversation {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long "nothing more happens" is watched for. */
    static final Duration QUIET = Duration.ofMillis(300);

    enum Await { NOTHING, PONGS, SERVER_PINGS, QUIET }

    record Step(int client, byte[] bytes, Await await, int count) {
    }

    private final String name;
    private final Profile profile;
    private final List<Step> steps = new ArrayList<>();
    private final Map<Integer, String> expected = new TreeMap<>();
    private boolean unordered;
    private UnaryOperator<String> normalizer = UnaryOperator.identity();

    private Conversation(String name, Profile profile) {
        this.name = name;
        this.profile = profile;
    }

    static Conversation named(String name) {
        return new Conversation(name, Profile.DEFAULT);
    }

    static Conversation named(String name, Profile profile) {
        return new Conversation(name, profile);
    }

    /** Client 0 sends {@code text}, then waits for the PONGs of the PINGs in it (if any). */
    Conversation send(String text) {
        return send(0, text);
    }

    /** Client {@code client} sends {@code text}, then waits for the PONGs of the PINGs in it (if any). */
    Conversation send(int client, String text) {
        int pings = countPings(text);
        steps.add(new Step(client, text.getBytes(StandardCharsets.ISO_8859_1),
                pings > 0 ? Await.PONGS : Await.NOTHING, pings));
        return this;
    }

    /** Client {@code client} sends raw bytes without waiting. */
    Conversation sendBytes(int client, byte[] bytes) {
        steps.add(new Step(client, bytes, Await.NOTHING, 0));
        return this;
    }

    /** Client {@code client} waits until it has received {@code total} server PINGs in all. */
    Conversation awaitServerPings(int client, int total) {
        steps.add(new Step(client, new byte[0], Await.SERVER_PINGS, total));
        return this;
    }

    /** Client {@code client} watches for {@link #QUIET} that nothing (more) arrives and that it stays open. */
    Conversation quiet(int client) {
        steps.add(new Step(client, new byte[0], Await.QUIET, 0));
        return this;
    }

    /** What client 0 must have received, {@link RawClient#CLOSED} at the end if the server must close it. */
    Conversation expect(String transcript) {
        return expect(0, transcript);
    }

    Conversation expect(int client, String transcript) {
        expected.put(client, transcript);
        return this;
    }

    /**
     * Compares transcripts as multisets of server ops: nats-server delivers a message to several matching
     * subscriptions of one connection in an order that is not defined (a Go map), so only the set is compared.
     */
    Conversation unordered() {
        unordered = true;
        return this;
    }

    /** Rewrites transcripts before comparison, e.g. to hide which member of a queue group got a message. */
    Conversation normalize(UnaryOperator<String> normalizer) {
        this.normalizer = normalizer;
        return this;
    }

    String name() {
        return name;
    }

    Profile profile() {
        return profile;
    }

    Map<Integer, String> expected() {
        Map<Integer, String> out = new LinkedHashMap<>();
        expected.forEach((client, t) -> out.put(client, comparable(t)));
        return out;
    }

    /** Plays the script to the server on {@code port}; returns each client's transcript, ready for comparison. */
    Map<Integer, String> run(int port) {
        Map<Integer, RawClient> clients = new TreeMap<>();
        Map<Integer, Integer> pongsAwaited = new TreeMap<>();
        try {
            for (Step step : steps) {
                RawClient c = clients.get(step.client());
                if (c == null) {
                    c = RawClient.connect(port);
                    clients.put(step.client(), c);
                }
                c.send(step.bytes());
                switch (step.await()) {
                    case PONGS -> {
                        int want = pongsAwaited.merge(step.client(), step.count(), Integer::sum);
                        c.readUntil(t -> count(t, "PONG\r\n") >= want, TIMEOUT);
                    }
                    case SERVER_PINGS -> c.readUntil(t -> count(t, "PING\r\n") >= step.count(), TIMEOUT);
                    case QUIET -> c.readFor(QUIET);
                    case NOTHING -> {
                        // the next step goes at once
                    }
                }
            }
            Map<Integer, String> transcripts = new TreeMap<>();
            for (Map.Entry<Integer, RawClient> e : clients.entrySet()) {
                RawClient c = e.getValue();
                String want = expected.getOrDefault(e.getKey(), "");
                if (want.endsWith(RawClient.CLOSED)) {
                    c.awaitClose(TIMEOUT);
                } else if (lastAwait(e.getKey()) != Await.QUIET) {
                    probeAlive(c);
                }
                transcripts.put(e.getKey(), comparable(c.transcript()));
            }
            return transcripts;
        } catch (IOException e) {
            throw new UncheckedIOException("conversation '" + name + "' on port " + port, e);
        } finally {
            clients.values().forEach(RawClient::close);
        }
    }

    // An open client must still be served: one more PING gets a bare PONG, which is then dropped again.
    private static void probeAlive(RawClient c) {
        int before = c.text().length();
        c.send("PING\r\n");
        c.readUntil(t -> t.length() > before && t.endsWith("PONG\r\n"), TIMEOUT);
        if (!c.isClosed() && c.text().length() == before + "PONG\r\n".length()) {
            c.truncate(before);
        }
    }

    private Await lastAwait(int client) {
        Await last = Await.NOTHING;
        for (Step s : steps) {
            if (s.client() == client) {
                last = s.await();
            }
        }
        return last;
    }

    private String comparable(String transcript) {
        String t = normalizer.apply(transcript);
        if (!unordered) {
            return t;
        }
        List<String> ops = ServerOps.split(t);
        ops.sort(null);
        return String.join("", ops);
    }

    static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }

    /** PING ops in a script: lines starting with PING in any case (a script never puts such a line in a payload). */
    static int countPings(String text) {
        int n = 0;
        int lineStart = 0;
        while (lineStart < text.length()) {
            if (text.regionMatches(true, lineStart, "PING", 0, 4)) {
                n++;
            }
            int lf = text.indexOf('\n', lineStart);
            if (lf < 0) {
                break;
            }
            lineStart = lf + 1;
        }
        return n;
    }

    @Override
    public String toString() {
        return profile == Profile.DEFAULT ? name : name + " [" + profile.name().toLowerCase(Locale.ROOT) + "]";
    }
}
