package io.natsboot.server;

import io.natsboot.server.auth.Authenticator;
import io.natsboot.server.client.ClientConnection;
import io.natsboot.server.client.ClientHandler;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.protocol.InfoTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;

/**
 * One scripted client through the real client pipeline (decoder, connection, publish path, router, encoder), on an
 * embedded channel with a throwaway {@link ServerServices}, before the standalone server starts: the classes, lambdas
 * and method handles a client needs are then loaded, linked and initialised, and the first real client's INFO does
 * not wait for them (with the class-data archive, ~10 ms of a fresh JVM). It runs before logging is set up, at the
 * JDK's default level, so nothing of it reaches the server's log; it touches no listener, port, counter or id.
 */
public final class FirstClientWarmup {

    private static final String CONVERSATION = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,"
            + "\"protocol\":1,\"name\":\"warmup\"}\r\nPING\r\nSUB warmup.> q 1\r\nSUB warmup.a 2\r\n"
            + "PUB warmup.a reply 2\r\nhi\r\nHPUB warmup.a 18 20\r\nNATS/1.0\r\nA: b\r\n\r\nhi\r\nUNSUB 1\r\nPING\r\n";

    private FirstClientWarmup() {
    }

    public static void run() {
        ServerOptions options = new ServerOptions();
        InfoTemplate info = new InfoTemplate(ServerId.random(), "warmup", null, "127.0.0.1", 4222, true, false,
                options.getMaxPayload(), false, false, false);
        ServerServices services = new ServerServices(options, c -> info.forClient(c.cid(), "127.0.0.1", null),
                () -> null);
        services.useAuthenticator(new Authenticator(options), Runnable::run);
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            ClientConnection connection = new ClientConnection(1, channel, services);
            channel.pipeline().addLast(connection.newDecoder(options.getMaxControlLine(), options.getMaxPayload()),
                    new ClientHandler(connection));
            channel.pipeline().fireChannelActive();
            channel.writeInbound(Unpooled.copiedBuffer(CONVERSATION, StandardCharsets.US_ASCII));
            channel.runPendingTasks();
        } finally {
            channel.finishAndReleaseAll();
            for (ByteBuf left; (left = channel.readOutbound()) != null; ) {
                left.release();
            }
        }
    }
}
