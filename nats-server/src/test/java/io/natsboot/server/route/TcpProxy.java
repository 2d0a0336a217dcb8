package io.natsboot.server.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy for tests: forwards bytes both ways between each accepted socket and a target port. It can be
 * {@link #cut() cut} (listener and every forwarded connection closed) and {@link #heal() healed} on the same port.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private int port;

    TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        listen(0);
    }

    int port() {
        return port;
    }

    /** Closes the listener and every connection through it, as if the network went away. */
    synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Listens again on the same port. */
    synchronized void heal() {
        if (listener == null) {
            listen(port);
        }
    }

    private synchronized void listen(int wanted) {
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
            port = ss.getLocalPort();
            listener = ss;
            Thread acceptor = new Thread(() -> accept(ss), "proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket ss) {
        while (!ss.isClosed()) {
            Socket in;
            try {
                in = ss.accept();
            } catch (IOException e) {
                return;
            }
            Socket out = new Socket();
            try {
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
            } catch (IOException e) {
                closeQuietly(in);
                closeQuietly(out);
                continue;
            }
            synchronized (this) {
                if (listener != ss) {
                    closeQuietly(in);
                    closeQuietly(out);
                    return;
                }
                sockets.add(in);
                sockets.add(out);
            }
            pump(in, out);
            pump(out, in);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream is = from.getInputStream(); OutputStream os = to.getOutputStream()) {
                int n;
                while ((n = is.read(buf)) >= 0) {
                    os.write(buf, 0, n);
                    os.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        cut();
    }
}
