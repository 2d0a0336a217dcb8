package io.natsboot.server.conformance;

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
 * A raw socket to a NATS server for conversations byte by byte: reads the INFO line on connect, then sends bytes and
 * collects what comes back. Text is ISO-8859-1, so every byte maps to one char and back.
 */
final class WireClient implements AutoCloseable {

    /** Appended to a transcript when the server closed the connection. */
    static final String CLOSED = "<closed>";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String info;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] readBuffer = new byte[64 * 1024];
    private boolean closed;

    WireClient(int port) throws IOException {
        this(port, 0);
    }

    /** With a small {@code receiveBufferSize} (bytes; 0 = the system's) a client that stops reading stalls fast. */
    WireClient(int port, int receiveBufferSize) throws IOException {
        socket = new Socket();
        try {
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            info = readInfoLine();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's first line, without its CRLF. */
    String info() {
        return info;
    }

    /** Sends bytes; a server that already closed is noted, not thrown. */
    void send(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            closed = true;
        }
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads until {@code done} accepts what was received so far (everything after INFO), the server closes, or the
     * timeout passes.
     *
     * @return whether {@code done} was met
     */
    boolean readUntil(Predicate<String> done, Duration timeout) {
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

    /** Reads until the server closes or the timeout passes; returns whether it closed. */
    boolean readUntilClosed(Duration timeout) {
        readUntil(t -> false, timeout);
        return closed;
    }

    /** Reads for the whole of {@code period} unless the server closes first (for "nothing more happens" checks). */
    void readFor(Duration period) {
        readUntil(t -> false, period);
    }

    /** Everything received after the INFO line. */
    String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@link #text()}, followed by {@link #CLOSED} when the server closed the connection. */
    String transcript() {
        return text() + (closed ? CLOSED : "");
    }

    boolean isClosed() {
        return closed;
    }

    /** Forgets what was received so far. */
    void clear() {
        received.reset();
    }

    /** Forgets what was received after the first {@code length} bytes. */
    void truncate(int length) {
        byte[] all = received.toByteArray();
        received.reset();
        received.write(all, 0, Math.min(length, all.length));
    }

    private void readSome(long deadlineNanos) {
        long leftMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        try {
            socket.setSoTimeout((int) Math.min(leftMillis, 250));
            int n = in.read(readBuffer);
            if (n < 0) {
                closed = true;
            } else {
                received.write(readBuffer, 0, n);
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
