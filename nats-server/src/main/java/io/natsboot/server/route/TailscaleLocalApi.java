package io.natsboot.server.route;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP/1.1 GET to the Tailscale daemon's local API over its Unix-domain socket, read to the end within a
 * timeout. The JDK's Unix-domain channel (Java 16+) is used rather than Netty's HTTP codec: the caller is the
 * discovery thread, which may wait, and a single GET with {@code Connection: close} needs only a status line, headers
 * and (tailscaled answers chunked) de-chunking, far less than an event loop, a pipeline and a choice between NIO and
 * epoll domain sockets.
 */
final class TailscaleLocalApi {

    /** The status document may list thousands of peers; larger answers are refused rather than buffered. */
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    /** The whole exchange; the daemon answers a local status request in milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;

    private final Path socket;

    TailscaleLocalApi(Path socket) {
        this(socket, TIMEOUT);
    }

    TailscaleLocalApi(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Path socket() {
        return socket;
    }

    /** The body of a 200 answer to {@code GET path}; any other answer is an {@link IOException} naming its status. */
    String get(String path) throws IOException {
        byte[] answer;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket)); // local: completes at once or fails
            channel.configureBlocking(false);
            long deadline = System.nanoTime() + timeout.toNanos();
            // the daemon checks the Host name: local-tailscaled.sock is what its own CLI sends
            String request = "GET " + path + " HTTP/1.1\r\nHost: local-tailscaled.sock\r\n"
                    + "User-Agent: natsboot\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, deadline);
                }
            }
            key.interestOps(SelectionKey.OP_READ);
            answer = readToEnd(channel, selector, deadline);
        }
        return parse(answer);
    }

    /**
     * Waits for the registered operation until the deadline: a daemon that stops answering must not hold the
     * discovery thread, which the other sources share.
     */
    private void await(Selector selector, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("no answer within " + timeout.toMillis() + " ms");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    private byte[] readToEnd(SocketChannel channel, Selector selector, long deadline) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            int n = channel.read(buffer);
            if (n < 0) {
                return all.toByteArray();
            }
            if (n == 0) {
                await(selector, deadline);
                continue;
            }
            all.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            if (all.size() > MAX_ANSWER) {
                throw new IOException("answer larger than " + MAX_ANSWER + " bytes");
            }
        }
    }

    /** The body of a complete HTTP/1.1 answer (status line, headers, body identity or chunked). */
    static String parse(byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("incomplete HTTP answer");
        }
        String[] head = text.substring(0, headEnd).split("\r\n");
        String[] status = head[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + head[0]);
        }
        boolean chunked = false;
        int length = -1;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).trim();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                length = parseLength(value, 10);
            }
        }
        byte[] body = chunked ? dechunk(answer, headEnd + 4) : identity(answer, headEnd + 4, length);
        String bodyText = new String(body, StandardCharsets.UTF_8);
        if (!status[1].equals("200")) {
            String reason = bodyText.strip();
            throw new IOException("HTTP " + status[1] + (reason.isEmpty() ? "" : ": " + abbreviate(reason)));
        }
        return bodyText;
    }

    private static byte[] identity(byte[] answer, int from, int length) throws IOException {
        int available = answer.length - from;
        if (length > available) {
            throw new IOException("answer ended after " + available + " of " + length + " bytes");
        }
        int n = length < 0 ? available : length;
        byte[] body = new byte[n];
        System.arraycopy(answer, from, body, 0, n);
        return body;
    }

    private static byte[] dechunk(byte[] answer, int from) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int pos = from;
        while (true) {
            int lineEnd = indexOfCrlf(answer, pos);
            if (lineEnd < 0) {
                throw new IOException("chunked answer ended early");
            }
            String sizeLine = new String(answer, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored
            int size = parseLength((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                return body.toByteArray(); // trailers, if any, are not needed
            }
            if (pos + size + 2 > answer.length) {
                throw new IOException("chunked answer ended early");
            }
            body.write(answer, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int parseLength(String value, int radix) throws IOException {
        try {
            int n = Integer.parseInt(value, radix);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("bad length in HTTP answer: " + value);
        }
    }

    private static String abbreviate(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
