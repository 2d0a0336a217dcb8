package io.natsboot.server.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a fuzz input is played: its first byte says how the rest is cut into reads and how much virtual time passes
 * between them; the rest is the byte stream a peer sends.
 *
 * <pre>
 *   first byte: bits 0-4  chunking: 0 = all in one read, c > 0 = reads of 1..2c bytes (sizes drawn from seed c)
 *               bits 5-6  seconds of virtual time after each read (pings, stale connections)
 *               bit 7     a flag for the target (the route target: a route we dialled instead of one we accepted)
 * </pre>
 */
record Script(int chunking, int secondsPerRead, boolean flag, byte[] stream) {

    static Script of(byte[] input) {
        if (input.length == 0) {
            return new Script(0, 0, false, input);
        }
        int control = input[0] & 0xFF;
        return new Script(control & 0x1F, (control >> 5) & 0x3, (control & 0x80) != 0,
                Arrays.copyOfRange(input, 1, input.length));
    }

    /** Sends the stream to {@code peer} read by read, until it is sent or the peer has closed. */
    void play(FuzzWorld world, FuzzWorld.Peer peer) {
        SplittableRandom sizes = new SplittableRandom(chunking);
        int pos = 0;
        while (pos < stream.length) {
            int end = chunking == 0 ? stream.length : Math.min(stream.length, pos + sizes.nextInt(1, 2 * chunking + 1));
            if (!peer.write(stream, pos, end)) {
                return;
            }
            pos = end;
            if (secondsPerRead > 0) {
                world.advance(secondsPerRead);
            }
        }
    }
}
