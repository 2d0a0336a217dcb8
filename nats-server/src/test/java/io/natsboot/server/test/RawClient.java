package io.natsboot.server.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain socket speaking NATS by hand, for tests of exact bytes: reads the INFO line on connect, then sends and
 * collects raw bytes. Strings are ISO-8859-1 so every byte round-trips.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String info;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByServer;

    public RawClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        socket.setSoTimeout(5_000);
        info = readLine();
    }

    public static RawClient connect(int port) throws IOException {
        return new RawClient("127.0.0.1", port);
    }

    /** The first line the server sent, without its CRLF. */
    public String info() {
        return info;
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads until the bytes received so far end with {@code suffix} (or the server closes, or the timeout). */
    public String readUntil(String suffix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text().endsWith(suffix) && !closedByServer && System.nanoTime() < deadline) {
            readSome(deadline);
        }
        return text();
    }

    /** Reads until the server closes the connection or the timeout passes; returns everything received. */
    public String readUntilClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByServer && System.nanoTime() < deadline) {
            readSome(deadline);
        }
        return text();
    }

    /** Sends a PING and returns everything received up to and including the PONG that answers it. */
    public String sync() throws IOException {
        int before = received.size();
        send("PING\r\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!closedByServer && System.nanoTime() < deadline) {
            String t = text();
            if (t.length() > before && t.endsWith("PONG\r\n")) {
                break;
            }
            readSome(deadline);
        }
        return text();
    }

    public boolean isClosedByServer() {
        return closedByServer;
    }

    /** Everything received after the INFO line. */
    public String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    public void clear() {
        received.reset();
    }

    private void readSome(long deadlineNanos) throws IOException {
        long leftMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        socket.setSoTimeout((int) Math.min(leftMillis, 200));
        byte[] buf = new byte[65536];
        try {
            int n = in.read(buf);
            if (n < 0) {
                closedByServer = true;
            } else {
                received.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // nothing yet
        } catch (IOException e) {
            closedByServer = true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before a full line: " + line.toString(StandardCharsets.ISO_8859_1));
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
    public void close() throws IOException {
        socket.close();
    }
}
