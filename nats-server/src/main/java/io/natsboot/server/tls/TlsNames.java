package io.natsboot.server.tls;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;

import javax.net.ssl.SSLSession;
import java.nio.channels.ClosedChannelException;

/** TLS facts worded as nats-server logs and reports them. */
public final class TlsNames {

    private TlsNames() {
    }

    /** {@code 1.2}, {@code 1.3}: nats-server's spelling of {@code TLSv1.2}, {@code TLSv1.3} (/connz). */
    public static String version(SSLSession session) {
        String protocol = session.getProtocol();
        return protocol.startsWith("TLSv") ? protocol.substring(4) : protocol;
    }

    /** The innermost useful message of a handshake failure (Netty wraps the SSL exception in a DecoderException). */
    public static String describe(Throwable cause) {
        Throwable t = cause;
        while (t instanceof DecoderException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof NotSslRecordException) {
            return "first record does not look like a TLS handshake"; // what nats-server logs for plain text
        }
        if (t instanceof ClosedChannelException) {
            return "EOF"; // the peer hung up mid-handshake: Go's words for it
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
