package io.natsboot.server.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A plain socket speaking NATS by hand, for tests of exact bytes and for hostile clients: reads the INFO line on
 * connect, then sends whatever bytes it is told and collects what comes back. Text is ISO-8859-1, so every byte maps
 * to one char and back.
 *
 * <p>Nothing here throws once connected: a server that closed (or reset) the connection is noted
 * ({@link #isClosed()}), and sending to it does nothing. Optionally the socket gets a tiny receive buffer (so that
 * not reading stalls the server's writes at once) and keeps only the first bytes received (so that a flood cannot
 * fill the test's heap).
 */
public final class RawClient implements AutoCloseable {

    /** Appended to a {@link #transcript()} when the server closed the connection. */
    public static final String CLOSED = "<closed>";

    /** What the hostile-client tests keep of a flood (see {@link #keepingAtMost}). */
    public static final int FLOOD_KEPT_BYTES = 256 * 1024;

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_SLICE_MILLIS = 250;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String info;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] readBuffer = new byte[64 * 1024];
    private volatile boolean closed;
    private long receivedBytes;
    private int keptBytes = Integer.MAX_VALUE;

    private RawClient(String host, int port, int receiveBufferSize) throws IOException {
        socket = new Socket();
        try {
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            info = readInfoLine();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects to 127.0.0.1 and reads the INFO line. */
    public static RawClient connect(int port) throws IOException {
        return new RawClient("127.0.0.1", port, 0);
    }

    /** With a small {@code receiveBufferSize} (bytes; 0 = the system's) a client that stops reading stalls fast. */
    public static RawClient connect(int port, int receiveBufferSize) throws IOException {
        return new RawClient("127.0.0.1", port, receiveBufferSize);
    }

    public static RawClient connect(String host, int port) throws IOException {
        return new RawClient(host, port, 0);
    }

    /** Keeps only the first {@code bytes} received in {@link #text()} ({@link #receivedBytes()} counts them all). */
    public RawClient keepingAtMost(int bytes) {
        this.keptBytes = bytes;
        return this;
    }

    /** The server's first line, without its CRLF. */
    public String info() {
        return info;
    }

    /** The port the server sees this client on: how /connz names it. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Sends bytes, unless the server has closed; a failed write marks the connection closed. */
    public RawClient send(byte[] bytes) {
        if (closed || bytes.length == 0) {
            return this;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            closed = true;
        }
        return this;
    }

    public RawClient send(String text) {
        return send(bytes(text));
    }

    /**
     * Reads until {@code done} accepts what was received so far (everything after INFO), the server closes, or the
     * timeout passes.
     *
     * @return whether {@code done} was met
     */
    public boolean readUntil(Predicate<String> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (done.test(text())) {
                return true;
            }
            if (closed || System.nanoTime() >= deadline) {
                return false;
            }
            readSome(deadline);
        }
    }

    /** Reads until what was received so far ends with {@code suffix}, the server closes, or the timeout; the text. */
    public String readUntil(String suffix, Duration timeout) {
        readUntil(t -> t.endsWith(suffix), timeout);
        return text();
    }

    /** Reads until the server closes or the timeout passes; returns everything received. */
    public String readUntilClosed(Duration timeout) {
        awaitClose(timeout);
        return text();
    }

    /** Reads until the server closes or the timeout passes; returns whether it closed. */
    public boolean awaitClose(Duration timeout) {
        readUntil(t -> false, timeout);
        return closed;
    }

    /** Reads for the whole of {@code period} unless the server closes first (for "nothing more happens" checks). */
    public void readFor(Duration period) {
        readUntil(t -> false, period);
    }

    /** Sends a PING and returns everything received up to and including the PONG that answers it. */
    public String sync() {
        int before = received.size();
        send("PING\r\n");
        readUntil(t -> t.length() > before && t.endsWith("PONG\r\n"), Duration.ofSeconds(5));
        return text();
    }

    /** Everything received after the INFO line (its first bytes only, see {@link #keepingAtMost}). */
    public String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@link #text()}, followed by {@link #CLOSED} when the server closed the connection. */
    public String transcript() {
        return text() + (closed ? CLOSED : "");
    }

    /** How many bytes were received after INFO, kept or not. */
    public long receivedBytes() {
        return receivedBytes;
    }

    /** Whether the server closed (or reset) the connection, as far as this client has seen. */
    public boolean isClosed() {
        return closed;
    }

    /** Forgets what was received so far. */
    public void clear() {
        received.reset();
    }

    /** Forgets what was received after the first {@code length} bytes. */
    public void truncate(int length) {
        byte[] all = received.toByteArray();
        received.reset();
        received.write(all, 0, Math.min(length, all.length));
    }

    /** Half-closes: the server sees end of stream, this side can still read. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closed = true;
        }
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void readSome(long deadlineNanos) {
        long leftMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        try {
            socket.setSoTimeout((int) Math.min(leftMillis, READ_SLICE_MILLIS));
            int n = in.read(readBuffer);
            if (n < 0) {
                closed = true;
            } else {
                receivedBytes += n;
                received.write(readBuffer, 0, Math.max(0, Math.min(n, keptBytes - received.size())));
            }
        } catch (SocketTimeoutException e) {
            // nothing yet
        } catch (IOException e) {
            closed = true;
        }
    }

    private String readInfoLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the INFO line ended: "
                        + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            prev = b;
        }
    }

    /** Closes abruptly: the socket is reset (RST) instead of ended (FIN), as when a peer's process dies mid-write. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already gone: closing is all that is left
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
