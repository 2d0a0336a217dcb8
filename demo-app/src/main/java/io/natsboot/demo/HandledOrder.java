package io.natsboot.demo;

import java.time.Instant;

/** Which node (server name and client port of its NATS node) billed an order, and when. */
public record HandledOrder(Order order, String node, int natsPort, Instant handledAt) {
}
