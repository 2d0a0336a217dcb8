package io.nats.client.impl;

import io.nats.client.Options;
import io.nats.client.support.NatsUri;
import io.natsboot.server.inprocess.InProcessListener;
import io.natsboot.server.inprocess.InProcessPipe;

import java.io.IOException;
import java.net.URISyntaxException;

/**
 * jnats's transport for natsboot's in-process connections: select it with
 * {@code Options.Builder.dataPortType(NatsbootInProcessDataPort.class.getName())} (or {@link #configure}) and give the server's
 * {@link InProcessListener#url() in-process URL}. A URL whose host is {@code <name>.in-process.invalid} is served by an
 * {@link InProcessPipe} to that server of this JVM; any other URL (the {@code connect_urls} of a cluster, for
 * instance) goes over TCP as jnats's own socket port would, so a client can fail over to another node.
 *
 * <p>It lives in the engine jar, with jnats an optional dependency: tests and benchmarks of the engine use it without
 * Spring, and the starter (which has jnats anyway) names it by class. It sits in jnats's package because the
 * {@code DataPort} methods take jnats's package-private {@code NatsConnection}; it only drives the engine's
 * Netty-free {@link InProcessPipe}.
 */
public class NatsbootInProcessDataPort extends SocketDataPort {

    private volatile InProcessPipe pipe;

    /** Makes {@code builder} connect in-process to {@code url} (no host name lookup: the name is not in DNS). */
    public static Options.Builder configure(Options.Builder builder, String url) {
        return builder.server(url).dataPortType(NatsbootInProcessDataPort.class.getName()).noResolveHostnames();
    }

    /** Whether {@code url} names a server's in-process listener rather than a socket. */
    public static boolean isInProcessUrl(String url) {
        try {
            return InProcessListener.isInProcessHost(new NatsUri(url).getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public void connect(String serverURI, NatsConnection conn, long timeoutNanos) throws IOException {
        try {
            connect(conn, new NatsUri(serverURI), timeoutNanos);
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void connect(NatsConnection conn, NatsUri uri, long timeoutNanos) throws IOException {
        if (InProcessListener.isInProcessHost(uri.getHost())) {
            this.connection = conn;
            this.pipe = InProcessPipe.connect(uri.getHost(), timeoutNanos);
        } else {
            super.connect(conn, uri, timeoutNanos);
        }
    }

    /** Nothing travels outside the JVM, so an in-process connection has nothing to encrypt. */
    @Override
    public void upgradeToSecure() throws IOException {
        if (pipe == null) {
            super.upgradeToSecure();
        }
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        InProcessPipe p = pipe;
        return p != null ? p.read(dst, off, len) : super.read(dst, off, len);
    }

    @Override
    public void write(byte[] src, int toWrite) throws IOException {
        InProcessPipe p = pipe;
        if (p != null) {
            p.write(src, 0, toWrite);
        } else {
            super.write(src, toWrite);
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        InProcessPipe p = pipe;
        if (p != null) {
            p.shutdownInput();
        } else {
            super.shutdownInput();
        }
    }

    @Override
    public void close() throws IOException {
        InProcessPipe p = pipe;
        if (p != null) {
            p.close();
        } else {
            super.close();
        }
    }

    @Override
    public void forceClose() throws IOException {
        InProcessPipe p = pipe;
        if (p != null) {
            p.close();
        } else {
            super.forceClose();
        }
    }

    @Override
    public void flush() throws IOException {
        if (pipe == null) {
            super.flush();
        }
    }
}
