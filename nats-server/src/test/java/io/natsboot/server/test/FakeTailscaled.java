package io.natsboot.server.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A stand-in for tailscaled's local API: an HTTP/1.1 server on a Unix-domain socket that answers every request with
 * the status document set last, chunked as the real daemon answers (or with an error status).
 */
public final class FakeTailscaled implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body = "{}";

    public FakeTailscaled(Path socket) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::serve, "fake-tailscaled");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    public FakeTailscaled answer(String statusDocument) {
        this.body = statusDocument;
        this.status = 200;
        return this;
    }

    public FakeTailscaled fail(int status, String text) {
        this.body = text;
        this.status = status;
        return this;
    }

    public List<String> requests() {
        return requests;
    }

    public int answered() {
        return answered.get();
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                requests.add(readHead(c));
                write(c, response());
                answered.incrementAndGet();
            } catch (IOException e) {
                // closed, or a client that went away: the next accept decides
            }
        }
    }

    private byte[] response() {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\n"
                + "Content-Type: " + (status == 200 ? "application/json" : "text/plain; charset=utf-8") + "\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        // chunks of 100 bytes, so a document spans several, with a chunk extension on the first as HTTP allows
        for (int i = 0; i < payload.length; i += 100) {
            int n = Math.min(100, payload.length - i);
            out.writeBytes((Integer.toHexString(n) + (i == 0 ? ";x=y" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(payload, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String readHead(SocketChannel c) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            one.clear();
            if (c.read(one) < 0) {
                break;
            }
            head.write(one.get(0));
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void write(SocketChannel c, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }

    /** A status document in the shape tailscaled 1.x answers (only the fields discovery reads, plus a few). */
    public static String status(String backendState, Node self, Node... peers) {
        String peerMap = List.of(peers).stream()
                .map(p -> "\"nodekey:" + p.hostName + "\":" + p.json())
                .collect(Collectors.joining(",\n"));
        return "{\n\"Version\":\"1.76.1-t1234\",\"TUN\":true,\"BackendState\":\"" + backendState + "\","
                + "\"TailscaleIPs\":" + strings(self.ips) + ",\n\"Self\":" + self.json() + ",\n"
                + "\"Health\":[],\"MagicDNSSuffix\":\"tail1234.ts.net\","
                + "\"CurrentTailnet\":{\"Name\":\"example.com\",\"MagicDNSSuffix\":\"tail1234.ts.net\","
                + "\"MagicDNSEnabled\":true},\n\"Peer\":{" + peerMap + "},\n\"User\":{\"1\":{\"ID\":1,"
                + "\"LoginName\":\"alice@example.com\",\"DisplayName\":\"Alice\"}}\n}";
    }

    public record Node(String hostName, boolean online, List<String> tags, List<String> ips) {
        private String json() {
            return "{\"ID\":\"n" + Math.abs(hostName.hashCode()) + "\",\"PublicKey\":\"nodekey:" + hostName + "\","
                    + "\"HostName\":\"" + hostName + "\",\"DNSName\":\"" + hostName.toLowerCase()
                    + ".tail1234.ts.net.\",\"OS\":\"linux\",\"UserID\":1,"
                    + "\"TailscaleIPs\":" + strings(ips) + ",\"AllowedIPs\":" + strings(ips)
                    + (tags.isEmpty() ? "" : ",\"Tags\":" + strings(tags))
                    + ",\"Addrs\":null,\"CurAddr\":\"\",\"Relay\":\"fra\",\"RxBytes\":0,\"TxBytes\":0,"
                    + "\"Created\":\"2024-05-01T10:00:00Z\",\"LastSeen\":\"0001-01-01T00:00:00Z\","
                    + "\"Online\":" + online + ",\"ExitNode\":false,\"Active\":false,\"InNetworkMap\":true,"
                    + "\"InMagicSock\":true,\"InEngine\":true}";
        }
    }

    private static String strings(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
