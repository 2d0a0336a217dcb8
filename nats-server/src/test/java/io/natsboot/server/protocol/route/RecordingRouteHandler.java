package io.natsboot.server.protocol.route;

import io.natsboot.server.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each op a {@link RouteProtocolDecoder} reports as one line of text, e.g. {@code RS+ $G bar workers 1} or
 * {@code RMSG $G foo - [q1, q2] hello} ({@code -} for a missing reply or queue), and keeps the structured calls too.
 */
final class RecordingRouteHandler implements RouteOpHandler {

    /** One reported message, its buffer copied. */
    record Message(boolean leaf, String origin, String account, String subject, String replyTo, List<String> queues,
                   int headerSize, byte[] bytes) {
    }

    final List<String> ops = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();

    @Override
    public void onInfo(String json) {
        ops.add("INFO " + json);
    }

    @Override
    public void onConnect(String json) {
        ops.add("CONNECT " + json);
    }

    @Override
    public void onPing() {
        ops.add("PING");
    }

    @Override
    public void onPong() {
        ops.add("PONG");
    }

    @Override
    public void onOk() {
        ops.add("+OK");
    }

    @Override
    public void onErr(String text) {
        ops.add("-ERR " + text);
    }

    @Override
    public void onRemoteSub(String account, String subject, String queue, int weight) {
        ops.add("RS+ " + account + " " + subject + (queue == null ? "" : " " + queue + " " + weight));
        if (queue == null && weight != 0) {
            throw new AssertionError("plain RS+ with weight " + weight);
        }
    }

    @Override
    public void onRemoteUnsub(String account, String subject, String queue) {
        ops.add("RS- " + account + " " + subject + (queue == null ? "" : " " + queue));
    }

    @Override
    public void onRouteMessage(String account, String subject, String replyTo, List<String> queues, int headerSize,
                               ByteBuf message) {
        record(false, null, account, subject, replyTo, queues, headerSize, message);
    }

    @Override
    public void onLeafSub(String originCluster, String account, String subject, String queue, int weight) {
        ops.add("LS+ " + originCluster + " " + account + " " + subject
                + (queue == null ? "" : " " + queue + " " + weight));
    }

    @Override
    public void onLeafUnsub(String account, String subject, String queue) {
        ops.add("LS- " + account + " " + subject + (queue == null ? "" : " " + queue));
    }

    @Override
    public void onLeafMessage(String originCluster, String account, String subject, String replyTo,
                              List<String> queues, int headerSize, ByteBuf message) {
        record(true, originCluster, account, subject, replyTo, queues, headerSize, message);
    }

    @Override
    public void onAccountSub(String argument) {
        ops.add("A+ " + argument);
    }

    @Override
    public void onAccountUnsub(String argument) {
        ops.add("A- " + argument);
    }

    @Override
    public void onProtocolError(ProtocolError error) {
        ops.add("ERROR " + error.name());
    }

    private void record(boolean leaf, String origin, String account, String subject, String replyTo,
                        List<String> queues, int headerSize, ByteBuf message) {
        if (queues == null) {
            throw new AssertionError("queues is null");
        }
        byte[] bytes = new byte[message.readableBytes()];
        message.getBytes(message.readerIndex(), bytes);
        messages.add(new Message(leaf, origin, account, subject, replyTo, queues, headerSize, bytes));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String q = queues.isEmpty() ? "-" : String.join(",", queues);
        String r = replyTo == null ? "-" : replyTo;
        if (leaf) {
            ops.add("LMSG " + origin + " " + account + " " + subject + " " + r + " " + q + " " + headerSize + " "
                    + text);
        } else if (headerSize < 0) {
            ops.add("RMSG " + account + " " + subject + " " + r + " " + q + " " + text);
        } else {
            ops.add("HMSG " + account + " " + subject + " " + r + " " + q + " " + headerSize + " " + text);
        }
    }
}
