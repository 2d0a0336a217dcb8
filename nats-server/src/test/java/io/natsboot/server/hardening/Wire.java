package io.natsboot.server.hardening;

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
 * A raw socket for hostile-client tests: sends whatever bytes it is told (a server that already closed is noted, not
 * thrown), optionally with a tiny receive buffer so that not reading stalls the server's writes at once, and keeps
 * everything received after INFO, up to a cap, so a flood cannot fill the test's heap.
 */
final class Wire implements AutoCloseable {

    static final String CLOSED = "<closed>";
    private static final int KEPT_BYTES = 256 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] readBuffer = new byte[16 * 1024];
    private volatile boolean closed;
    private long receivedBytes;

    Wire(int port) throws IOException {
        this(port, 0);
    }

    /** {@code receiveBufferSize} in bytes, 0 for the system's. */
    Wire(int port, int receiveBufferSize) throws IOException {
        socket = new Socket();
        try {
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            skipInfo();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The port the server sees this client on: how /connz names it. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** @return false when the server had closed (or reset) the connection */
    boolean send(byte[] bytes) {
        if (closed) {
            return false;
        }
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            closed = true;
            return false;
        }
    }

    boolean send(String text) {
        return send(bytes(text));
    }

    /** Reads until {@code done} accepts the text so far, the server closes, or the timeout; whether done was met. */
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

    boolean readUntilClosed(Duration timeout) {
        readUntil(t -> false, timeout);
        return closed;
    }

    void readFor(Duration period) {
        readUntil(t -> false, period);
    }

    /** What was received after INFO (its first {@value #KEPT_BYTES} bytes). */
    String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@link #text()}, then {@link #CLOSED} if the server closed. */
    String transcript() {
        return text() + (closed ? CLOSED : "");
    }

    long receivedBytes() {
        return receivedBytes;
    }

    boolean isClosed() {
        return closed;
    }

    /** Half-closes: the server sees end of stream, this side can still read. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closed = true;
        }
    }

    private void readSome(long deadlineNanos) {
        long leftMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        try {
            socket.setSoTimeout((int) Math.min(leftMillis, 250));
            int n = in.read(readBuffer);
            if (n < 0) {
                closed = true;
            } else {
                receivedBytes += n;
                received.write(readBuffer, 0, Math.max(0, Math.min(n, KEPT_BYTES - received.size())));
            }
        } catch (SocketTimeoutException e) {
            // nothing yet
        } catch (IOException e) {
            closed = true;
        }
    }

    private void skipInfo() throws IOException {
        int prev = -1;
        for (int b; (b = in.read()) >= 0; prev = b) {
            if (prev == '\r' && b == '\n') {
                return;
            }
        }
        throw new IOException("closed before the INFO line ended");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
