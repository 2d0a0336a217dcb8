package io.natsboot.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * One TLS handshake in memory against a listener's context, before the listener opens: the JDK's handshake code, its
 * key exchange and signature (with their curve tables, computed on first use) are then ready, and the first real TLS
 * client does not pay for them. Its client end checks nothing (it talks to this process only) and sends no
 * certificate, so with {@code verify} the handshake ends refused, having done the same work up to there.
 */
public final class HandshakeWarmup {

    private static final int MAX_STEPS = 64;

    private HandshakeWarmup() {
    }

    public static void run(SslContext listener) {
        try {
            SSLEngine server = listener.newEngine(ByteBufAllocator.DEFAULT);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingThisProcess()}, null);
            SSLEngine client = context.createSSLEngine("localhost", 4222);
            client.setUseClientMode(true);
            handshake(client, server);
        } catch (SSLException | GeneralSecurityException | RuntimeException refused) {
            // a warm-up only: the handshake got as far as it could
        }
    }

    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer app = ByteBuffer.allocate(Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize()));
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS && !(done(client) && done(server)); step++) {
            step(client, empty, toServer, toClient, app);
            step(server, empty, toClient, toServer, app);
        }
    }

    /** One turn of an engine: take what the peer sent, run its tasks, send what it has. */
    private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer app)
            throws SSLException {
        in.flip();
        while (in.hasRemaining()) {
            app.clear();
            SSLEngineResult r = engine.unwrap(in, app);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = engine.wrap(empty, out);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesProduced() == 0) {
                break;
            }
        }
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.FINISHED || s == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** The warm-up's own client end: the only server it meets is this process's. */
    private static final class TrustingThisProcess implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client end only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the peer is this process's own listener
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
