package io.natsboot.server.inprocess;

/**
 * The two windows of one in-process connection, made by the client end and handed to the server end through the
 * listener (keyed by the client's own address) when the server accepts it.
 */
final class PipeLink {

    private volatile Runnable wakeServerWriter = () -> {
    };
    private final PipeWindow toClient = new PipeWindow(() -> wakeServerWriter.run());
    private final PipeWindow toServer;

    PipeLink(Runnable wakeClientWriter) {
        this.toServer = new PipeWindow(wakeClientWriter);
    }

    /** The server-to-client window, as the client's reader sees it. */
    PipeWindow toClient() {
        return toClient;
    }

    /** The server-to-client window, as the server's writer sees it: {@code wake} runs when room opens. */
    PipeWindow toClient(Runnable wake) {
        wakeServerWriter = wake;
        return toClient;
    }

    PipeWindow toServer() {
        return toServer;
    }
}
